import { describe, expect, it } from 'vitest';
import { dueWording } from './status-update-wording';

const now = new Date('2026-12-02T03:00:00.000Z');
const inMs = (ms: number) => new Date(now.getTime() + ms).toISOString();

describe('when the next status update is due', () => {
  it('rounds to the nearest minute: an update just posted, read on a clock up to 20 s stale, says 30 min, not 31', () => {
    expect(dueWording(inMs(30 * 60_000 + 15_000), now)).toEqual({ text: 'Next update due in 30 min', overdue: false });
    expect(dueWording(inMs(29 * 60_000 + 20_000), now)?.text).toBe('Next update due in 29 min');
    expect(dueWording(inMs(65 * 60_000), now)?.text).toBe('Next update due in 1 h 5 min');
  });

  it('counts seconds in the last minute, then says it is due, then how long overdue', () => {
    expect(dueWording(inMs(42_000), now)).toEqual({ text: 'Next update due in 42 s', overdue: false });
    expect(dueWording(inMs(-20_000), now)).toEqual({ text: 'Update due now', overdue: true });
    expect(dueWording(inMs(-5 * 60_000), now)).toEqual({ text: 'Update overdue by 5 min', overdue: true });
    expect(dueWording(null, now)).toBeNull();
  });
});
