import type { Actor, IncidentDetail } from '../../../shared/api/incidents';
import type { Severity } from '../../../shared/domain/severity';
import { findPolicyRow } from '../../db/stores/escalation-policies';
import { appendTimelineEvent, insertIncident, nextIncidentNumber } from '../../db/stores/incidents';
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
export function createIncident(rt: Runtime, input: NewIncident, actor: Actor): IncidentDetail {
  const now = rt.clock.now();
  const incident = rt.db.transaction((tx) => {
    const service = findService(tx, input.serviceId);
    if (!service) throw notFound(`service ${input.serviceId}`);
    const id = crypto.randomUUID();
    insertIncident(tx, {
      id,
      number: nextIncidentNumber(tx),
      title: input.title,
      description: input.description ?? null,
      status: 'triggered',
      severity: input.severity,
      serviceId: input.serviceId,
      createdAt: now,
      updatedAt: now,
    });
    appendTimelineEvent(tx, id, { type: 'triggered', actor, data: { severity: input.severity } }, now);
    const policy = service.escalationPolicyId ? findPolicyRow(tx, service.escalationPolicyId) : undefined;
    if (policy) startEscalation(rt.db, id, policy, now);
    return incidentDetail(tx, id);
  });
  afterIncidentCommit(rt, incident.id, 'triggered');
  return incident;
}
