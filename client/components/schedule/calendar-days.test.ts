import { describe, expect, it } from 'vitest';
import { shiftsBetween, type OverrideSpan, type ScheduleRules } from '../../../shared/domain/on-call';
import { calendarDays, calendarWindow, onCallSegments } from './calendar-days';

const weekly: ScheduleRules = {
  timeZone: 'Europe/Berlin',
  layers: [{ users: ['ada', 'bob'], startDate: '2026-03-02', handoffTime: '09:00', shift: { length: 1, unit: 'weeks' } }],
};

function calendar(rules: ScheduleRules, now: string, days: number, overrides: OverrideSpan[] = []) {
  const { from, to } = calendarWindow(rules.timeZone, new Date(now), days);
  const segments = onCallSegments(shiftsBetween(rules, overrides, from, to), overrides, from, to);
  return calendarDays(segments, rules.timeZone, from, to);
}

const summary = (days: ReturnType<typeof calendarDays>) =>
  days.map((day) => `${day.date} ${day.entries.map((e) => `${e.segment.userIds.join('+') || 'nobody'}${e.segment.override ? '*' : ''} ${e.from}-${e.to}`).join(', ')}`);

describe('calendar days', () => {
  it('shows a weekly hand-off on its day, in the schedule zone, from now on', () => {
    // 07:30 UTC is 08:30 in Berlin: today starts now, not at midnight.
    expect(summary(calendar(weekly, '2026-03-08T07:30:00Z', 3))).toEqual([
      '2026-03-08 ada 08:30-24:00',
      '2026-03-09 ada 00:00-09:00, bob 09:00-24:00',
      '2026-03-10 bob 00:00-24:00',
    ]);
  });

  it('shows the hours a restriction leaves uncovered as nobody on call', () => {
    const weekdaysOnly: ScheduleRules = {
      ...weekly,
      layers: [{ ...weekly.layers[0], restrictions: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '02:00' }] }],
    };
    expect(summary(calendar(weekdaysOnly, '2026-03-12T23:00:00Z', 4))).toEqual([
      '2026-03-13 bob 00:00-02:00, nobody 02:00-09:00, bob 09:00-24:00',
      '2026-03-14 bob 00:00-02:00, nobody 02:00-24:00',
      '2026-03-15 nobody 00:00-24:00',
      '2026-03-16 nobody 00:00-09:00, ada 09:00-24:00',
    ]);
  });

  it('marks override time and joins people on call together', () => {
    const overrides = [
      { userId: 'cy', start: new Date('2026-03-10T11:00:00Z'), end: new Date('2026-03-10T15:00:00Z') },
      { userId: 'dee', start: new Date('2026-03-10T13:00:00Z'), end: new Date('2026-03-10T14:00:00Z') },
    ];
    expect(summary(calendar(weekly, '2026-03-10T00:00:00Z', 1, overrides))).toEqual([
      '2026-03-10 bob 01:00-12:00, cy* 12:00-14:00, cy+dee* 14:00-15:00, cy* 15:00-16:00, bob 16:00-24:00',
    ]);
    const bobCoversHimself = [{ userId: 'bob', start: new Date('2026-03-10T11:00:00Z'), end: new Date('2026-03-10T15:00:00Z') }];
    expect(summary(calendar(weekly, '2026-03-10T00:00:00Z', 1, bobCoversHimself))).toEqual(['2026-03-10 bob 01:00-12:00, bob* 12:00-16:00, bob 16:00-24:00']);
  });

  it('keeps local days across a DST change (23 hours on the spring-forward day)', () => {
    const daily: ScheduleRules = { timeZone: 'Europe/Berlin', layers: [{ users: ['ada', 'bob'], startDate: '2026-03-28', handoffTime: '09:00', shift: { length: 1, unit: 'days' } }] };
    const days = calendar(daily, '2026-03-27T23:00:00Z', 3);
    expect(summary(days)).toEqual([
      '2026-03-28 nobody 00:00-09:00, ada 09:00-24:00',
      '2026-03-29 ada 00:00-09:00, bob 09:00-24:00',
      '2026-03-30 bob 00:00-09:00, ada 09:00-24:00',
    ]);
    const spring = days[1].entries;
    expect(spring[1].segment.start.getTime() - spring[0].segment.start.getTime()).toBe(23 * 3_600_000);
  });
});
