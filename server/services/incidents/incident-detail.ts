import type { IncidentDetail } from '../../../shared/api/incidents';
import type { Tx } from '../../db/client';
import { escalationStatus } from '../../db/stores/engine';
import { findIncident, timelineOf } from '../../db/stores/incidents';
import { notFound } from '../../errors';

export function incidentDetail(tx: Tx, id: string): IncidentDetail {
  const incident = findIncident(tx, id);
  if (!incident) throw notFound(`incident ${id}`);
  return { ...incident, timeline: timelineOf(tx, id), escalation: escalationStatus(tx, id) };
}
