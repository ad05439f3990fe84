import { isPaging } from '../../../shared/domain/lifecycle';
import type { Actor, IncidentDetail } from '../../../shared/api/incidents';
import { findEscalation } from '../../db/stores/engine';
import { appendEvent, findIncident } from '../../db/stores/incidents';
import { escalateNow } from '../../engine/escalation';
import { conflict, notFound } from '../../errors';
import { afterIncidentCommit, type Runtime } from '../../runtime';
import { incidentDetail } from './incident-detail';

/** "Page the next step now": moves the escalation on without waiting for the step delay. */
export async function escalateIncident(rt: Runtime, incidentId: string, actor: Actor): Promise<IncidentDetail> {
  const now = rt.clock.now();
  const incident = await rt.db.transaction(async (tx) => {
    const incident = await findIncident(tx, incidentId, { lock: true });
    if (!incident) throw notFound(`incident ${incidentId}`);
    if (!isPaging(incident.status)) throw conflict(`cannot escalate incident #${incident.number}: it is ${incident.status}`);
    const escalation = await findEscalation(tx, incidentId);
    if (!escalation) throw conflict(`cannot escalate incident #${incident.number}: its service has no escalation policy`);
    await appendEvent(tx, incidentId, { type: 'escalated', at: now, actor, data: { fromStep: escalation.step + 1 } });
    await escalateNow(tx, escalation, now);
    return incidentDetail(tx, incidentId);
  });
  afterIncidentCommit(rt, incidentId, 'escalated');
  return incident;
}
