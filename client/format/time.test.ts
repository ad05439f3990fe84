import { describe, expect, it } from 'vitest';
import { formatAge, formatClock, formatDuration } from './time';

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

  it('shows the time, and decides what is today, in the time zone the user chose', () => {
    const noonUtc = new Date('2026-03-02T12:00:00Z');
    expect(formatClock(new Date('2026-03-02T22:30:00Z'), noonUtc, 'en-GB', 'Europe/Berlin')).toBe('23:30');
    expect(formatClock(new Date('2026-03-02T23:30:00Z'), noonUtc, 'en-GB', 'Europe/Berlin')).toBe('Tue 3 Mar, 00:30');
    expect(formatClock(new Date('2026-03-02T23:30:00Z'), noonUtc, 'en-GB', 'America/New_York')).toBe('18:30');
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0 s'],
    [45_000, '45 s'],
    [60_000, '1 min'],
    [5 * 60_000, '5 min'],
    [90 * 60_000, '1 h 30 min'],
    [2 * 3_600_000, '2 h'],
    [86_400_000, '1 d'],
    [(2 * 86_400 + 3 * 3_600 + 59 * 60) * 1000, '2 d 3 h'],
    [-12 * 60_000, '12 min'],
  ])('%d ms reads "%s"', (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected);
  });
});
