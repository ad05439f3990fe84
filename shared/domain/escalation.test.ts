import { describe, expect, it } from 'vitest';
import { nextEscalationPosition, pageTtlSeconds } from './escalation';

describe('nextEscalationPosition', () => {
  it.each([
    // step, loop, steps, repeat -> result
    [0, 0, 3, 0, { exhausted: false, position: { step: 1, loop: 0 } }],
    [1, 0, 3, 0, { exhausted: false, position: { step: 2, loop: 0 } }],
    [2, 0, 3, 0, { exhausted: true }],
    [2, 0, 3, 1, { exhausted: false, position: { step: 0, loop: 1 } }],
    [2, 1, 3, 1, { exhausted: true }],
    [0, 0, 1, 2, { exhausted: false, position: { step: 0, loop: 1 } }],
    [0, 2, 1, 2, { exhausted: true }],
  ])('step %i loop %i of %i steps, repeat %i', (step, loop, steps, repeat, expected) => {
    expect(nextEscalationPosition({ step, loop }, steps, repeat)).toEqual(expected);
  });

  it('a manual escalation past the last step wraps around even when repeats are used up', () => {
    expect(nextEscalationPosition({ step: 2, loop: 0 }, 3, 0, true)).toEqual({ exhausted: false, position: { step: 0, loop: 1 } });
  });
});

describe('pageTtlSeconds', () => {
  it('is the time until the next step, at least 60 s', () => {
    expect(pageTtlSeconds(300)).toBe(300);
    expect(pageTtlSeconds(10)).toBe(60);
    expect(pageTtlSeconds(90.2)).toBe(91);
    expect(pageTtlSeconds(null)).toBe(3600);
  });
});
