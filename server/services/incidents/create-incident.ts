import type { Actor, IncidentDetail } from '../../../shared/api/incidents';
import type { Severity } from '../../../shared/domain/severity';
import { findPolicyRow } from '../../db/stores/escalation-policies';
import { appendEvent, insertIncident, nextIncidentNumber } from '../../db/stores/incidents';
import { findService } from '../../db/stores/services';
import { startEscalation } from '../../engine/escalation';
import { notFound } from '../../errors';
import { afterIncidentCommit, type Runtime } from '../../runtime';
import { incidentDetail } from './incident-detail';

export interface NewIncident {
  serviceId: string;
  title: string;
  severity: Severity;
  description?: string;
}

/** Opens an incident and, when its service has an escalation policy, pages step 1 in the same commit. */
export async function createIncident(rt: Runtime, input: NewIncident, actor: Actor): Promise<IncidentDetail> {
  const now = rt.clock.now();
  const incident = await rt.db.transaction(async (tx) => {
    const service = await findService(tx, input.serviceId);
    if (!service) throw notFound(`service ${input.serviceId}`);
    const id = crypto.randomUUID();
    await insertIncident(tx, {
      id,
      number: await nextIncidentNumber(tx),
      title: input.title,
      description: input.description ?? null,
      status: 'triggered',
      severity: input.severity,
      serviceId: input.serviceId,
      createdAt: now,
      updatedAt: now,
    });
    await appendEvent(tx, id, { type: 'triggered', at: now, actor, data: { severity: input.severity } });
    const policy = service.escalationPolicyId ? await findPolicyRow(tx, service.escalationPolicyId) : undefined;
    if (policy) await startEscalation(tx, id, policy, now);
    return incidentDetail(tx, id);
  });
  afterIncidentCommit(rt, incident.id, 'triggered');
  return incident;
}
