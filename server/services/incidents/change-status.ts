import type { Actor, IncidentDetail, TimelineEventType } from '../../../shared/api/incidents';
import { transition } from '../../../shared/domain/lifecycle';
import { stopPaging } from '../../db/stores/engine';
import { appendEvent, findIncident, updateIncidentRow } from '../../db/stores/incidents';
import { conflict, notFound } from '../../errors';
import { afterIncidentCommit, type Runtime } from '../../runtime';
import { incidentDetail } from './incident-detail';

export type StatusCommand = 'acknowledge' | 'resolve';

const eventFor: Record<StatusCommand, TimelineEventType> = {
  acknowledge: 'acknowledged',
  resolve: 'resolved',
};

/**
 * Applies a lifecycle command through the shared transition table; refusals become 409.
 * Acknowledging or resolving stops all paging in the same transaction that records it.
 */
export async function changeIncidentStatus(
  rt: Runtime,
  incidentId: string,
  command: StatusCommand,
  actor: Actor,
): Promise<IncidentDetail> {
  const now = rt.clock.now();
  const incident = await rt.db.transaction(async (tx) => {
    const incident = await findIncident(tx, incidentId, { lock: true });
    if (!incident) throw notFound(`incident ${incidentId}`);
    const result = transition(incident.status, command);
    if (!result.ok) throw conflict(`cannot ${command} incident #${incident.number}: ${result.reason}`);
    await updateIncidentRow(tx, incidentId, {
      status: result.to,
      updatedAt: now,
      ...(command === 'acknowledge' && { acknowledgedAt: now }),
      ...(command === 'resolve' && { resolvedAt: now }),
    });
    await stopPaging(tx, incidentId);
    await appendEvent(tx, incidentId, { type: eventFor[command], at: now, actor, data: { from: result.from } });
    return incidentDetail(tx, incidentId);
  });
  afterIncidentCommit(rt, incidentId, eventFor[command]);
  return incident;
}
