import { describe, expect, it } from 'vitest';
import { isTimeZone, localDayOf, parseLocalDate, parseLocalTime, weekdayOf, zonedInstant } from './rotation-local-time';

// Expected instants are written with the offset the clocks show, so each line reads as wall time.
const cases = [
  { name: 'ordinary winter time', zone: 'America/New_York', local: '2026-01-15 09:00', expected: '2026-01-15T09:00:00-05:00' },
  { name: 'ordinary summer time', zone: 'Europe/Berlin', local: '2026-07-01 09:00', expected: '2026-07-01T09:00:00+02:00' },
  { name: 'New York gap → end of gap', zone: 'America/New_York', local: '2026-03-08 02:30', expected: '2026-03-08T03:00:00-04:00' },
  { name: 'New York gap start → end of gap', zone: 'America/New_York', local: '2026-03-08 02:00', expected: '2026-03-08T03:00:00-04:00' },
  { name: 'New York just after the gap', zone: 'America/New_York', local: '2026-03-08 03:00', expected: '2026-03-08T03:00:00-04:00' },
  { name: 'New York overlap → earlier', zone: 'America/New_York', local: '2026-11-01 01:30', expected: '2026-11-01T01:30:00-04:00' },
  { name: 'New York just after the overlap', zone: 'America/New_York', local: '2026-11-01 02:00', expected: '2026-11-01T02:00:00-05:00' },
  { name: 'Berlin gap → end of gap', zone: 'Europe/Berlin', local: '2026-03-29 02:30', expected: '2026-03-29T03:00:00+02:00' },
  { name: 'Berlin overlap → earlier', zone: 'Europe/Berlin', local: '2026-10-25 02:30', expected: '2026-10-25T02:30:00+02:00' },
  { name: 'Sydney gap (October)', zone: 'Australia/Sydney', local: '2026-10-04 02:30', expected: '2026-10-04T03:00:00+11:00' },
  { name: 'Sydney overlap (April) → earlier', zone: 'Australia/Sydney', local: '2026-04-05 02:30', expected: '2026-04-05T02:30:00+11:00' },
  { name: 'Lord Howe half-hour gap', zone: 'Australia/Lord_Howe', local: '2026-10-04 02:15', expected: '2026-10-04T02:30:00+11:00' },
  { name: 'Lord Howe half-hour overlap → earlier', zone: 'Australia/Lord_Howe', local: '2026-04-05 01:45', expected: '2026-04-05T01:45:00+11:00' },
  { name: 'a zone east of UTC+12', zone: 'Pacific/Kiritimati', local: '2026-01-01 00:30', expected: '2026-01-01T00:30:00+14:00' },
];

describe('zonedInstant', () => {
  it.each(cases)('$name: $zone $local', ({ zone, local, expected }) => {
    const [date, time] = local.split(' ');
    expect(zonedInstant(zone, parseLocalDate(date), parseLocalTime(time)).toISOString()).toBe(new Date(expected).toISOString());
  });
});

describe('local calendar', () => {
  it.each([
    ['2026-03-08', 'sun'],
    ['2026-03-09', 'mon'],
    ['1970-01-01', 'thu'],
    ['1969-12-29', 'mon'],
  ])('%s is a %s', (date, weekday) => {
    expect(weekdayOf(parseLocalDate(date))).toBe(weekday);
  });

  it.each([
    ['Europe/Berlin', '2026-03-28T23:30:00Z', '2026-03-29'],
    ['America/New_York', '2026-03-08T04:30:00Z', '2026-03-07'],
    ['Pacific/Kiritimati', '2026-01-01T10:00:00Z', '2026-01-02'],
  ])('in %s, %s falls on local day %s', (zone, at, date) => {
    expect(localDayOf(zone, new Date(at))).toBe(parseLocalDate(date));
  });

  it('accepts zone names Intl knows and refuses the rest', () => {
    expect(['Europe/Berlin', 'America/New_York', 'UTC', 'Australia/Sydney'].every(isTimeZone)).toBe(true);
    expect(['', 'Mars/Olympus', 'GMT+25', '+05:00'].some(isTimeZone)).toBe(false);
  });
});
