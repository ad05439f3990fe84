import { isOpen } from '../../../shared/domain/lifecycle';
import type { Actor, IncidentDetail } from '../../../shared/api/incidents';
import { appendEvent, findIncident } from '../../db/stores/incidents';
import { conflict, notFound } from '../../errors';
import { afterIncidentCommit, type Runtime } from '../../runtime';
import { incidentDetail } from './incident-detail';
import { restartPaging, retrigger, servicePlan } from './restart-paging';

/**
 * Reopens a resolved incident (the problem came back): triggered again, back in triage, no longer resolved or
 * closed, and paged from step 1 of its service's policy as it is now.
 */
export async function reopenIncident(rt: Runtime, incidentId: string, actor: Actor): Promise<IncidentDetail> {
  const now = rt.clock.now();
  const detail = await rt.db.transaction(async (tx) => {
    const incident = await findIncident(tx, incidentId, { lock: true });
    if (!incident) throw notFound(`incident ${incidentId}`);
    if (isOpen(incident.status)) throw conflict(`cannot reopen incident #${incident.number}: it is ${incident.status}, not resolved`);
    const result = await retrigger(tx, incident, now, { resolvedAt: null, closedAt: null });
    if (!result.ok) throw conflict(`cannot reopen incident #${incident.number}: ${result.reason}`);
    await appendEvent(tx, incidentId, { type: 'reopened', at: now, actor, data: { from: result.from, ...(result.phase && { phase: result.phase }) } });
    await restartPaging(tx, incidentId, await servicePlan(tx, incident.serviceId), now);
    return incidentDetail(tx, incidentId);
  });
  afterIncidentCommit(rt, incidentId, 'reopened');
  return detail;
}
