import type { Actor, Incident, IncidentDetail } from '../../shared/api/incidents';
import type { IncidentRunbook } from '../../shared/api/runbooks';
import type { EnqueueInput } from './outbox';

/** Ticking a runbook step on an incident: queued like every incident command, shown at once. */
export const runbookStepKind = 'runbook-step';

export interface RunbookStepInput {
  kind: typeof runbookStepKind;
  index: number;
  done: boolean;
}

export function runbookStepCommand(incidentPath: string, incidentId: string, input: RunbookStepInput): EnqueueInput {
  return { method: 'POST', path: `${incidentPath}/runbook-steps`, kind: runbookStepKind, incidentId, body: { index: input.index, done: input.done } };
}

export type RunbookStepChange =
  /** Refused as the server would: no runbook on the incident, or no such step. */
  | { kind: 'refused' }
  /** Already in that state, or a list copy that carries no runbook: nothing to show. */
  | { kind: 'unchanged' }
  | { kind: 'changed'; runbook: IncidentRunbook; data: { index: number; label: string; done: boolean } };

/** What a waiting tick does to the incident as shown, by the server's rule (tick-runbook-step.ts). */
export function runbookStepChange(incident: Incident, body: unknown, actor: Actor, at: string): RunbookStepChange {
  if (!('runbook' in incident)) return { kind: 'unchanged' };
  const { runbook } = incident as IncidentDetail;
  const { index, done } = (body ?? {}) as { index?: unknown; done?: unknown };
  if (!runbook || typeof index !== 'number' || typeof done !== 'boolean') return { kind: 'refused' };
  const step = runbook.steps[index];
  if (!step) return { kind: 'refused' };
  if (step.done === done) return { kind: 'unchanged' };
  const by = actor.id === null ? null : { id: actor.id, name: actor.name };
  const steps = runbook.steps.map((other) => (other.index === index ? { ...other, done, by, at } : other));
  return { kind: 'changed', runbook: { ...runbook, steps }, data: { index, label: step.label, done } };
}
