import type { Actor, IncidentDetail } from '../../../shared/api/incidents';
import { markMitigated } from '../../../shared/domain/incident-corrections';
import { appendEvent, findIncident, updateIncidentRow } from '../../db/stores/incidents';
import { conflict, notFound } from '../../errors';
import { afterIncidentCommit, type Runtime } from '../../runtime';
import { incidentDetail } from './incident-detail';

/** "The impact stopped": sets mitigatedAt once and moves a response on to resolution, without naming phases. */
export async function mitigateIncident(rt: Runtime, incidentId: string, actor: Actor): Promise<IncidentDetail> {
  const now = rt.clock.now();
  const result = await rt.db.transaction(async (tx) => {
    const incident = await findIncident(tx, incidentId, { lock: true });
    if (!incident) throw notFound(`incident ${incidentId}`);
    const marked = markMitigated(incident);
    if (!marked.ok) throw conflict(`cannot mark incident #${incident.number} mitigated: ${marked.reason}`);
    await updateIncidentRow(tx, incidentId, { mitigatedAt: now, phase: marked.phase, updatedAt: now });
    const phase = marked.phase !== incident.phase ? { phase: { from: incident.phase, to: marked.phase } } : {};
    await appendEvent(tx, incidentId, { type: 'mitigated', at: now, actor, data: { at: now.toISOString(), ...phase } });
    return incidentDetail(tx, incidentId);
  });
  afterIncidentCommit(rt, incidentId, 'mitigated');
  return result;
}
