import { describe, expect, it } from 'vitest';
import type { EscalationStatus, PagedPerson } from '../../../shared/api/incidents';
import { pagingLine, personWording } from './paging-wording';

const now = new Date('2026-03-02T03:00:00.000Z');
const inMinutes = (minutes: number) => new Date(now.getTime() + minutes * 60_000).toISOString();
const people = (...names: string[]): PagedPerson[] => names.map((name) => ({ id: `u-${name}`, name, reachable: true, why: null, channels: [] }));

function escalation(overrides: Partial<EscalationStatus> = {}): EscalationStatus {
  return {
    policyId: 'p-1',
    policyName: 'Payments primary',
    step: 2,
    of: 3,
    loop: 0,
    state: 'active',
    nextStepAt: inMinutes(4),
    paged: people('Ada', 'Bob'),
    ...overrides,
  };
}

const line = (overrides: Partial<EscalationStatus> | null, status: 'triggered' | 'acknowledged' = 'triggered') =>
  pagingLine({ status, escalation: overrides && escalation(overrides) }, now);

describe('paging line', () => {
  it('says the step, who is paged and when the next step comes', () => {
    expect(line({})).toBe('Step 2 of 3 · paging Ada, Bob · next step in 4 min');
  });

  it('counts down in minutes to the nearest one, in seconds in the last minute, and in hours when far off', () => {
    // A 5-minute step seen a few seconds after it began, or by a phone whose clock runs a little behind.
    expect(line({ nextStepAt: inMinutes(5 + 15 / 60) })).toBe('Step 2 of 3 · paging Ada, Bob · next step in 5 min');
    expect(line({ nextStepAt: inMinutes(4 + 50 / 60) })).toBe('Step 2 of 3 · paging Ada, Bob · next step in 5 min');
    expect(line({ nextStepAt: inMinutes(0.75) })).toBe('Step 2 of 3 · paging Ada, Bob · next step in 45 s');
    expect(line({ nextStepAt: inMinutes(0.25) })).toBe('Step 2 of 3 · paging Ada, Bob · next step in 15 s');
    expect(line({ nextStepAt: inMinutes(-1) })).toBe('Step 2 of 3 · paging Ada, Bob · next step due now');
    expect(line({ nextStepAt: inMinutes(65) })).toBe('Step 2 of 3 · paging Ada, Bob · next step in 1 h 5 min');
    expect(line({ nextStepAt: inMinutes(120) })).toBe('Step 2 of 3 · paging Ada, Bob · next step in 2 h');
    expect(line({ nextStepAt: null })).toBe('Step 2 of 3 · paging Ada, Bob');
  });

  it('mentions a repeated round, an empty step and a long list of people', () => {
    expect(line({ step: 1, loop: 1, paged: people('Ada') })).toBe('Step 1 of 3 · round 2 · paging Ada · next step in 4 min');
    expect(line({ paged: [] })).toBe('Step 2 of 3 · nobody to page at this step · next step in 4 min');
    expect(line({ paged: people('Ada', 'Bob', 'Cy', 'Dee', 'Eve') })).toBe('Step 2 of 3 · paging Ada, Bob, Cy and 2 more · next step in 4 min');
  });

  it('says when escalation ran out', () => {
    expect(line({ state: 'exhausted', nextStepAt: null })).toBe('Escalation exhausted — nobody acknowledged');
  });

  it('says nothing without a policy, once stopped, or once acknowledged', () => {
    expect(line(null)).toBeNull();
    expect(line({ state: 'stopped' })).toBeNull();
    expect(line({}, 'acknowledged')).toBeNull();
  });
});

describe('a paged person’s channels', () => {
  const bob: PagedPerson = { id: 'u-bob', name: 'Bob', reachable: true, why: null, channels: [] };
  const at = (minutes: number) => inMinutes(minutes);

  it('says what happens on each channel, in the order they fall due', () => {
    const person: PagedPerson = {
      ...bob,
      channels: [
        { channel: 'push', state: 'delivered', at: at(-1), error: null },
        { channel: 'ntfy', state: 'retrying', at: null, error: 'ntfy answered 503' },
        { channel: 'email', state: 'due', at: at(2), error: null },
      ],
    };
    const clock = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' }).format(new Date(at(-1)));
    expect(personWording(person, now, 'en-GB')).toBe(`push delivered ${clock} · ntfy retrying: ntfy answered 503 · email due in 2 min`);
    expect(
      personWording(
        { ...bob, channels: [{ channel: 'push', state: 'unreachable', at: null, error: 'no device' }, { channel: 'chat', state: 'failed', at: null, error: 'chat answered 404' }, { channel: 'webhook', state: 'sending', at: null, error: null }] },
        now,
      ),
    ).toBe('push: no device · chat failed: chat answered 404 · webhook sending');
  });

  it('says plainly when nothing can reach someone', () => {
    expect(personWording({ ...bob, reachable: false, why: 'no device, no contact method' }, now)).toBe('no device, no contact method: cannot be reached');
  });
});
