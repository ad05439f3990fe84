import type { IncidentDetail } from '../../../shared/api/incidents';
import type { Tx } from '../../db/client';
import { alertsOfIncident, toAlert } from '../../db/stores/alerts';
import { changesOfService, toChangeEvent } from '../../db/stores/change-events';
import { escalationStatus } from '../../db/stores/engine';
import { findIncident, timelineOf } from '../../db/stores/incidents';
import { snoozedUntilOf } from '../../db/stores/snoozes';
import { notFound } from '../../errors';
import { incidentRunbook } from '../runbooks/incident-runbook';
import { commandView } from '../command/command-view';
import { statusUpdateState } from './status-update-state';

/** Changes this long before an incident began are shown with it: a deploy just before an outage is the first suspect. */
export const recentChangesWindowMs = 24 * 3600 * 1000;

/** `viewerId`: whose `following` to report (false when unknown). */
export async function incidentDetail(tx: Tx, id: string, viewerId?: string): Promise<IncidentDetail> {
  const incident = await findIncident(tx, id);
  if (!incident) throw notFound(`incident ${id}`);
  const startedAt = new Date(incident.startedAt);
  const until = incident.resolvedAt ? new Date(incident.resolvedAt) : null;
  return {
    ...incident,
    timeline: await timelineOf(tx, id),
    escalation: await escalationStatus(tx, id),
    alerts: (await alertsOfIncident(tx, id)).map(toAlert),
    recentChanges: (await changesOfService(tx, incident.serviceId, new Date(startedAt.getTime() - recentChangesWindowMs), until)).map(toChangeEvent),
    runbook: await incidentRunbook(tx, incident),
    ...(await commandView(tx, id)),
    snoozedUntil: incident.status === 'acknowledged' ? ((await snoozedUntilOf(tx, id))?.toISOString() ?? null) : null,
    ...(await statusUpdateState(tx, id, viewerId)),
  };
}
