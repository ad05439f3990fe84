import type { Actor, IncidentDetail } from '../../../shared/api/incidents';
import { appendEvent, findIncident, updateIncidentRow } from '../../db/stores/incidents';
import { upsertRunbookStep } from '../../db/stores/runbooks';
import { badRequest, notFound } from '../../errors';
import { afterIncidentCommit, type Runtime } from '../../runtime';
import { incidentDetail } from '../incidents/incident-detail';
import { incidentRunbook } from './incident-runbook';

/**
 * Ticks (or unticks) step `index` of the incident's runbook, recording who and when. Setting a step to the
 * state it already has changes nothing and adds no timeline event.
 */
export async function tickRunbookStep(rt: Runtime, incidentId: string, step: { index: number; done: boolean }, actor: Actor): Promise<IncidentDetail> {
  const now = rt.clock.now();
  const result = await rt.db.transaction(async (tx) => {
    const incident = await findIncident(tx, incidentId, { lock: true });
    if (!incident) throw notFound(`incident ${incidentId}`);
    const runbook = await incidentRunbook(tx, incident);
    if (!runbook) throw badRequest(`incident #${incident.number} has no runbook: its service has none for it`);
    const current = runbook.steps[step.index];
    if (!current) {
      const range = runbook.steps.length === 0 ? 'its runbook has no steps' : `its runbook has steps 0 to ${runbook.steps.length - 1}`;
      throw badRequest(`index: no step ${step.index}; ${range}`);
    }
    if (current.done === step.done) return { detail: await incidentDetail(tx, incidentId), changed: false };
    await upsertRunbookStep(tx, { incidentId, index: step.index, done: step.done, byUserId: actor.type === 'user' ? actor.id : null, at: now });
    await updateIncidentRow(tx, incidentId, { updatedAt: now });
    await appendEvent(tx, incidentId, { type: 'runbook_step', at: now, actor, data: { index: step.index, label: current.label, done: step.done } });
    return { detail: await incidentDetail(tx, incidentId), changed: true };
  });
  if (result.changed) afterIncidentCommit(rt, incidentId, 'runbook_step');
  return result.detail;
}
