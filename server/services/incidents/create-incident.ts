import type { Actor, IncidentDetail, IncidentOrigin } from '../../../shared/api/incidents';
import type { Severity } from '../../../shared/domain/severity';
import type { Tx } from '../../db/client';
import { findPolicyRow } from '../../db/stores/escalation-policies';
import { appendEvent, insertIncident, nextIncidentNumber, updateIncidentRow } from '../../db/stores/incidents';
import { nextUpdateDueAt } from '../../../shared/domain/update-cadence';
import { findService } from '../../db/stores/services';
import type { ServiceRow } from '../../db/schema/index';
import { startEscalation } from '../../engine/escalation';
import { conflict, notFound } from '../../errors';
import { afterIncidentCommit, type Runtime } from '../../runtime';
import { incidentDetail } from './incident-detail';

export interface NewIncident {
  serviceId: string;
  title: string;
  severity: Severity;
  description?: string;
}

export interface IncidentToOpen {
  service: Pick<ServiceRow, 'id' | 'escalationPolicyId'>;
  title: string;
  severity: Severity;
  description?: string | null;
  origin: IncidentOrigin;
  /** Impact start; defaults to now. */
  startedAt?: Date;
  alertGroupKey?: string | null;
  /** The game-day drill this incident is played for (see services/drills). */
  drillId?: string;
}

/**
 * Opens an incident inside the caller's transaction and, when its service has an escalation policy, queues
 * step 1's pages in the same commit: the one path every incident takes, whoever opened it.
 */
export async function openIncident(tx: Tx, input: IncidentToOpen, actor: Actor, now: Date): Promise<string> {
  const id = crypto.randomUUID();
  await insertIncident(tx, {
    id,
    number: await nextIncidentNumber(tx),
    title: input.title,
    description: input.description ?? null,
    status: 'triggered',
    severity: input.severity,
    serviceId: input.service.id,
    origin: input.origin,
    alertGroupKey: input.alertGroupKey ?? null,
    createdAt: now,
    updatedAt: now,
    startedAt: input.startedAt ?? now,
    detectedAt: now,
    drillId: input.drillId ?? null,
  });
  // A SEV-1/2 expects its first status update within the severity's cadence: the reminder is set from the start.
  const updateReminderAt = nextUpdateDueAt({ status: 'triggered', severity: input.severity, updateCadenceMinutes: null, detectedAt: now, lastStatusUpdateAt: null });
  if (updateReminderAt) await updateIncidentRow(tx, id, { updateReminderAt });
  await appendEvent(tx, id, { type: 'triggered', at: now, actor, data: { severity: input.severity } });
  const policy = input.service.escalationPolicyId ? await findPolicyRow(tx, input.service.escalationPolicyId) : undefined;
  if (policy) await startEscalation(tx, id, policy, now, input.drillId ?? null);
  return id;
}

/** A person opens an incident. */
export async function createIncident(rt: Runtime, input: NewIncident, actor: Actor): Promise<IncidentDetail> {
  const now = rt.clock.now();
  const incident = await rt.db.transaction(async (tx) => {
    const service = await findService(tx, input.serviceId);
    if (!service) throw notFound(`service ${input.serviceId}`);
    if (service.archivedAt) throw conflict(`service ${service.name} is archived; restore it to open incidents on it`);
    const id = await openIncident(tx, { ...input, service, origin: 'user' }, actor, now);
    return incidentDetail(tx, id);
  });
  afterIncidentCommit(rt, incident.id, 'triggered');
  return incident;
}
