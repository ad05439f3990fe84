import type { ReassignTarget } from '../../../shared/api/incident-paging';
import type { EscalationPolicy } from '../../../shared/api/paging';
import { whyNotPageable, type Person } from '../policy/policy-wording';

export interface ReassignOption {
  to: ReassignTarget;
  /** The email of a person, "Escalation policy · 2 steps" for a policy. */
  detail: string;
  /** Set for someone who cannot be assigned ("deactivated", "a viewer"); such options cannot be picked. */
  blockedReason: string | null;
}

const maxShown = 8;

/**
 * The people and escalation policies whose name (or email) contains what was typed: people first (handing an
 * incident over is usually to a person), those who cannot act last. At most eight, so the list stays on a
 * phone's screen; `more` says how many typing further would reveal.
 */
export function reassignOptions(query: string, users: Person[], policies: Array<Pick<EscalationPolicy, 'id' | 'name' | 'steps'>>): { shown: ReassignOption[]; more: number } {
  const needle = query.trim().toLocaleLowerCase();
  const matches = (...texts: string[]) => texts.some((text) => text.toLocaleLowerCase().includes(needle));
  const people: ReassignOption[] = users
    .filter((user) => matches(user.name, user.email))
    .map((user) => ({ to: { type: 'user', id: user.id, name: user.name }, detail: user.email, blockedReason: whyNotPageable(user) }));
  const policyOptions: ReassignOption[] = policies
    .filter((policy) => matches(policy.name))
    .map((policy) => ({
      to: { type: 'policy', id: policy.id, name: policy.name },
      detail: `Escalation policy · ${policy.steps.length} ${policy.steps.length === 1 ? 'step' : 'steps'}`,
      blockedReason: null,
    }));
  const all = [...people.filter((option) => !option.blockedReason), ...policyOptions, ...people.filter((option) => option.blockedReason)];
  return { shown: all.slice(0, maxShown), more: Math.max(0, all.length - maxShown) };
}
