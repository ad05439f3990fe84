import { describe, expect, it } from 'vitest';
import type { EscalationPolicy } from '../../../shared/api/paging';
import { minutesToDelay, moveItem, toDraft, toInput } from './policy-draft';

const policy: EscalationPolicy = {
  id: 'p-1',
  name: 'Payments',
  repeat: 1,
  steps: [
    { delaySeconds: 300, targets: [{ type: 'schedule', id: 'primary' }] },
    { delaySeconds: 600, targets: [{ type: 'user', id: 'dana' }] },
  ],
  serviceIds: [],
  createdAt: '2026-03-01T00:00:00Z',
};

describe('policy draft', () => {
  it('round-trips a policy, leaving out a blank description so a replace clears it', () => {
    expect(toInput(toDraft(policy))).toEqual({ name: 'Payments', repeat: 1, steps: policy.steps });
    const described = toDraft({ ...policy, description: 'Cards and refunds' });
    expect(toInput({ ...described, name: '  Payments  ' })).toMatchObject({ name: 'Payments', description: 'Cards and refunds' });
  });

  it('starts a new policy with one empty step', () => {
    expect(toInput(toDraft(null))).toEqual({ name: '', repeat: 0, steps: [{ delaySeconds: 300, targets: [] }] });
  });

  it('gives each step its own key so a move carries the step, not just its values', () => {
    const steps = toDraft(policy).steps;
    expect(steps[0].key).not.toBe(steps[1].key);
    expect(moveItem(steps, 1, 0).map((step) => step.key)).toEqual([steps[1].key, steps[0].key]);
  });

  it('moves within bounds only', () => {
    expect(moveItem(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
    expect(moveItem(['a', 'b'], 1, 2)).toEqual(['a', 'b']);
  });

  it('turns typed minutes into a delay the server accepts, or none for a half-typed field', () => {
    expect(minutesToDelay(5)).toBe(300);
    expect(minutesToDelay(1.5)).toBe(90);
    expect(minutesToDelay(0.001)).toBe(1);
    expect(minutesToDelay(5000)).toBe(86_400);
    expect(minutesToDelay(0)).toBeNull();
    expect(minutesToDelay(Number.NaN)).toBeNull();
  });
});
