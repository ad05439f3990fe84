import { describe, expect, it } from 'vitest';
import { formatAge, formatClock } from './time';

const now = new Date('2026-03-02T03:30:00');

describe('formatAge', () => {
  it.each([
    ['2026-03-02T03:29:40', 'just now'],
    ['2026-03-02T03:29:00', '1 minute ago'],
    ['2026-03-02T03:05:10', '24 minutes ago'],
    ['2026-03-02T01:10:00', '2 hours ago'],
    ['2026-02-28T03:30:00', '2 days ago'],
  ])('%s reads "%s"', (at, expected) => {
    expect(formatAge(new Date(at), now, 'en')).toBe(expected);
  });

  it('never says "in N minutes" when the server clock is a little ahead', () => {
    expect(formatAge(new Date('2026-03-02T03:30:20'), now, 'en')).toBe('just now');
  });
});

describe('formatClock', () => {
  it('gives only the time for today and adds the day otherwise', () => {
    expect(formatClock(new Date('2026-03-02T03:12:00'), now, 'en-GB')).toBe('03:12');
    expect(formatClock(new Date('2026-03-01T23:50:00'), now, 'en-GB')).toBe('Sun 1 Mar, 23:50');
  });
});
