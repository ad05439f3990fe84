import { isOpen } from '../../../shared/domain/lifecycle';
import type { ReassignIncidentRequest, ReassignTarget } from '../../../shared/api/incident-paging';
import type { Actor, IncidentDetail } from '../../../shared/api/incidents';
import { whyMayNotAct } from '../../../shared/api/common';
import type { Tx } from '../../db/client';
import { findPolicyRow } from '../../db/stores/escalation-policies';
import { appendEvent, findIncident, updateIncidentRow } from '../../db/stores/incidents';
import { findUser } from '../../db/stores/users';
import { badRequest, conflict, notFound } from '../../errors';
import { afterIncidentCommit, type Runtime } from '../../runtime';
import { incidentDetail } from './incident-detail';
import { restartPaging, retrigger, type PagingPlan } from './restart-paging';

/**
 * A person handed the incident to is paged once, at once; the step's delay only decides when the escalation
 * counts as exhausted (nobody further to page), like a one-step policy without repeats.
 */
export const directPageStepSeconds = 30 * 60;

async function planFor(tx: Tx, body: ReassignIncidentRequest): Promise<{ to: ReassignTarget; plan: PagingPlan }> {
  if (body.userId !== undefined) {
    const user = await findUser(tx, body.userId);
    if (!user) throw notFound(`user ${body.userId}`);
    const whyNot = whyMayNotAct(user);
    if (whyNot) throw badRequest(`userId: ${user.name} ${whyNot}; only active responders and admins can be assigned an incident`);
    return {
      to: { type: 'user', id: user.id, name: user.name },
      // No policy behind it: the snapshot names no policy, and the app shows whom it pages.
      plan: { id: '', steps: [{ delaySeconds: directPageStepSeconds, targets: [{ type: 'user', id: user.id }] }], repeat: 0 },
    };
  }
  const policy = await findPolicyRow(tx, body.policyId!);
  if (!policy) throw notFound(`escalation policy ${body.policyId}`);
  return { to: { type: 'policy', id: policy.id, name: policy.name }, plan: policy };
}

/**
 * Hands an open incident to someone else: paging stops and starts over at the new target now. An acknowledged
 * incident is triggered again, since the new assignee has not acknowledged it; the phase stays where it is.
 */
export async function reassignIncident(rt: Runtime, incidentId: string, body: ReassignIncidentRequest, actor: Actor): Promise<IncidentDetail> {
  const now = rt.clock.now();
  const detail = await rt.db.transaction(async (tx) => {
    const incident = await findIncident(tx, incidentId, { lock: true });
    if (!incident) throw notFound(`incident ${incidentId}`);
    if (!isOpen(incident.status)) throw conflict(`cannot reassign incident #${incident.number}: it is resolved; reopen it first`);
    const { to, plan } = await planFor(tx, body);
    if (incident.status === 'acknowledged') await retrigger(tx, incident, now, { phase: incident.phase });
    else await updateIncidentRow(tx, incident.id, { updatedAt: now, snoozedUntil: null });
    await appendEvent(tx, incidentId, { type: 'reassigned', at: now, actor, data: { to, from: incident.status } });
    await restartPaging(tx, incidentId, plan, now);
    return incidentDetail(tx, incidentId);
  });
  afterIncidentCommit(rt, incidentId, 'reassigned');
  return detail;
}
