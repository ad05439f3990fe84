import type { IncidentDetail } from '../../../shared/api/incidents';
import type { Tx } from '../../db/client';
import { escalationStatus } from '../../db/stores/engine';
import { findIncident, timelineOf } from '../../db/stores/incidents';
import { notFound } from '../../errors';

export async function incidentDetail(tx: Tx, id: string): Promise<IncidentDetail> {
  const incident = await findIncident(tx, id);
  if (!incident) throw notFound(`incident ${id}`);
  return { ...incident, timeline: await timelineOf(tx, id), escalation: await escalationStatus(tx, id) };
}
