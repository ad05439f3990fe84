import type { EscalationPolicy, EscalationPolicyInput, EscalationStep } from '../../../shared/api/paging';
import type { Target } from './policy-wording';

/** A step being edited, with a key of its own so moving it moves its fields, not just their values. */
export interface DraftStep extends EscalationStep {
  key: string;
}

export interface PolicyDraft {
  name: string;
  description: string;
  repeat: number;
  steps: DraftStep[];
}

export const maxSteps = 20;
export const maxTargets = 20;
/** Thumb-sized choices for a step's delay; any other number of minutes can be typed. */
export const delayPresetMinutes = [1, 5, 10, 15, 30];
const newStepDelaySeconds = 5 * 60;

export function draftStep(step: EscalationStep = { delaySeconds: newStepDelaySeconds, targets: [] }): DraftStep {
  return { key: crypto.randomUUID(), delaySeconds: step.delaySeconds, targets: [...step.targets] };
}

export function toDraft(policy: EscalationPolicy | null): PolicyDraft {
  if (!policy) return { name: '', description: '', repeat: 0, steps: [draftStep()] };
  return { name: policy.name, description: policy.description ?? '', repeat: policy.repeat, steps: policy.steps.map(draftStep) };
}

/** What the API takes; a blank description is left out, which clears it on a replace. */
export function toInput(draft: PolicyDraft): EscalationPolicyInput {
  const description = draft.description.trim();
  return {
    name: draft.name.trim(),
    ...(description && { description: draft.description }),
    repeat: draft.repeat,
    steps: draft.steps.map(({ delaySeconds, targets }) => ({ delaySeconds, targets })),
  };
}

/** A copy with the item at `from` moved to `to`; out-of-range moves change nothing. */
export function moveItem<T>(items: T[], from: number, to: number): T[] {
  if (from === to || from < 0 || to < 0 || from >= items.length || to >= items.length) return items;
  const moved = [...items];
  const [item] = moved.splice(from, 1);
  moved.splice(to, 0, item);
  return moved;
}

export const sameTarget = (a: Target, b: Target) => a.type === b.type && a.id === b.id;

/**
 * Seconds for a typed number of minutes, within what the server accepts (1 s to 24 h); null for
 * something that is not a positive number, so a half-typed field keeps the step's last delay.
 */
export function minutesToDelay(minutes: number): number | null {
  if (!Number.isFinite(minutes) || minutes <= 0) return null;
  return Math.min(86_400, Math.max(1, Math.round(minutes * 60)));
}
