import type { Actor, IncidentDetail, TimelineEventType } from '../../../shared/api/incidents';
import { transition, type TransitionResult } from '../../../shared/domain/lifecycle';
import { phaseAfterStatus, type IncidentPhase } from '../../../shared/domain/phases';
import type { Tx } from '../../db/client';
import { resolveAlertsOfIncident } from '../../db/stores/alerts';
import { stopPaging } from '../../db/stores/engine';
import { appendEvent, findIncident, updateIncidentRow } from '../../db/stores/incidents';
import { conflict, notFound } from '../../errors';
import { finishDrillOfIncident } from '../drills/finish-drill';
import { afterIncidentCommit, type Runtime } from '../../runtime';
import { incidentDetail } from './incident-detail';

export type StatusCommand = 'acknowledge' | 'resolve';

const eventFor: Record<StatusCommand, TimelineEventType> = {
  acknowledge: 'acknowledged',
  resolve: 'resolved',
};

/**
 * Applies a lifecycle command inside the caller's transaction (the incident's row must be locked by it).
 * Acknowledging or resolving stops all paging in the same transaction that records it; resolving closes the
 * incident's alerts too, so the next event with one of their keys opens a new incident, and finishes a drill
 * whose incident it is.
 */
export async function applyStatusCommand(
  tx: Tx,
  incident: { id: string; status: Parameters<typeof transition>[0]; phase: IncidentPhase },
  command: StatusCommand,
  actor: Actor,
  now: Date,
): Promise<TransitionResult> {
  const result = transition(incident.status, command);
  if (!result.ok) return result;
  const phase = phaseAfterStatus(incident.phase, result.to);
  await updateIncidentRow(tx, incident.id, {
    status: result.to,
    phase,
    updatedAt: now,
    // Acknowledging or resolving ends any snooze: nothing should re-trigger it later.
    snoozedUntil: null,
    ...(command === 'acknowledge' && { acknowledgedAt: now, acknowledgedById: actor.id, acknowledgedByName: actor.name }),
    ...(command === 'resolve' && { resolvedAt: now }),
  });
  await stopPaging(tx, incident.id);
  if (command === 'resolve') {
    await resolveAlertsOfIncident(tx, incident.id, now);
    await finishDrillOfIncident(tx, incident.id, now);
  }
  await appendEvent(tx, incident.id, { type: eventFor[command], at: now, actor, data: { from: result.from, ...(phase !== incident.phase && { phase: { from: incident.phase, to: phase } }) } });
  return result;
}

/** A person acknowledges or resolves; refusals through the shared transition table become 409. */
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
    const result = await applyStatusCommand(tx, incident, command, actor, now);
    if (!result.ok) throw conflict(`cannot ${command} incident #${incident.number}: ${result.reason}`);
    return incidentDetail(tx, incidentId);
  });
  afterIncidentCommit(rt, incidentId, eventFor[command]);
  return incident;
}
