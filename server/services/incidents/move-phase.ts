import type { Actor, IncidentDetail } from '../../../shared/api/incidents';
import { movePhase as phaseRule, type IncidentPhase } from '../../../shared/domain/phases';
import { appendEvent, findIncident, updateIncidentRow } from '../../db/stores/incidents';
import { conflict, notFound } from '../../errors';
import { afterIncidentCommit, type Runtime } from '../../runtime';
import { incidentDetail } from './incident-detail';

/**
 * A person moves the incident on to a later phase (the shared rule decides). Reaching resolution means the
 * impact stopped, so it marks the incident mitigated if nobody had; reaching closed records when.
 */
export async function moveIncidentPhase(rt: Runtime, incidentId: string, to: IncidentPhase, actor: Actor): Promise<IncidentDetail> {
  const now = rt.clock.now();
  const result = await rt.db.transaction(async (tx) => {
    const incident = await findIncident(tx, incidentId, { lock: true });
    if (!incident) throw notFound(`incident ${incidentId}`);
    const move = phaseRule(incident, to);
    if (!move.ok) throw conflict(`cannot move incident #${incident.number} to ${to}: ${move.reason}`);
    const marksMitigated = to === 'resolution' && incident.mitigatedAt === null;
    await updateIncidentRow(tx, incidentId, {
      phase: to,
      updatedAt: now,
      ...(marksMitigated && { mitigatedAt: now }),
      ...(to === 'closed' && { closedAt: now }),
    });
    await appendEvent(tx, incidentId, { type: 'phase_changed', at: now, actor, data: { from: move.from, to } });
    if (marksMitigated) await appendEvent(tx, incidentId, { type: 'mitigated', at: now, actor, data: { at: now.toISOString() } });
    return incidentDetail(tx, incidentId);
  });
  afterIncidentCommit(rt, incidentId, 'phase_changed');
  return result;
}
