import type { EscalationStep } from '../../../shared/api/paging';
import { transition, type IncidentStatus, type TransitionResult } from '../../../shared/domain/lifecycle';
import { phaseAfterStatus, type IncidentPhase } from '../../../shared/domain/phases';
import type { Tx } from '../../db/client';
import { findEscalation, stopPaging } from '../../db/stores/engine';
import { findPolicyRow } from '../../db/stores/escalation-policies';
import { updateIncidentRow } from '../../db/stores/incidents';
import { findService } from '../../db/stores/services';
import { restartEscalation } from '../../engine/escalation';

export interface PagingPlan {
  id: string;
  steps: EscalationStep[];
  repeat: number;
}

/**
 * Makes an acknowledged or resolved incident triggered again (the shared lifecycle's `retrigger`): it needs
 * acknowledging anew, so who acknowledged it is forgotten, and any snooze is over. `extra` adds the caller's own
 * changes (a reopen clears resolvedAt and closedAt). The incident's row must be locked by the caller.
 */
export async function retrigger(
  tx: Tx,
  incident: { id: string; status: IncidentStatus; phase: IncidentPhase },
  now: Date,
  extra: Parameters<typeof updateIncidentRow>[2] = {},
): Promise<TransitionResult & { phase?: { from: IncidentPhase; to: IncidentPhase } }> {
  const result = transition(incident.status, 'retrigger');
  if (!result.ok) return result;
  const phase = phaseAfterStatus(incident.phase, result.to);
  await updateIncidentRow(tx, incident.id, {
    status: result.to,
    phase,
    updatedAt: now,
    snoozedUntil: null,
    acknowledgedById: null,
    acknowledgedByName: null,
    ...extra,
  });
  return { ...result, ...(phase !== incident.phase && { phase: { from: incident.phase, to: phase } }) };
}

/** Stops whatever paging is going on for the incident and starts `plan` from step 1 now (none: paging just stops). */
export async function restartPaging(tx: Tx, incidentId: string, plan: PagingPlan | null, now: Date): Promise<void> {
  await stopPaging(tx, incidentId);
  if (plan) await restartEscalation(tx, incidentId, plan, now);
}

/** The escalation policy the incident's service names now, as a plan; null when it names none. */
export async function servicePlan(tx: Tx, serviceId: string): Promise<PagingPlan | null> {
  const service = await findService(tx, serviceId);
  const policy = service?.escalationPolicyId ? await findPolicyRow(tx, service.escalationPolicyId) : undefined;
  return policy ?? null;
}

/**
 * What the incident was last paged by (its escalation's snapshot: a reassigned policy or person included),
 * else its service's policy now.
 */
export async function currentPlan(tx: Tx, incident: { id: string; serviceId: string }): Promise<PagingPlan | null> {
  const escalation = await findEscalation(tx, incident.id);
  if (escalation) return { id: escalation.policyId, steps: escalation.steps, repeat: escalation.repeat };
  return servicePlan(tx, incident.serviceId);
}
