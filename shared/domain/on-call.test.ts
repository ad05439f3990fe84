import { describe, expect, it } from 'vitest';
import { onCallAt, shiftsBetween, shiftsFrom, type OverrideSpan, type ScheduleRules } from './on-call';
import type { RotationLayer } from './rotation';

const daily = (users: string[], startDate: string, handoffTime: string, restrictions?: RotationLayer['restrictions']): RotationLayer => ({
  users,
  startDate,
  handoffTime,
  shift: { length: 1, unit: 'days' },
  restrictions,
});
const override = (userId: string, start: string, end: string): OverrideSpan => ({ userId, start: new Date(start), end: new Date(end) });
const iso = (at: string | null) => (at === null ? null : new Date(at).toISOString());
const answerAt = (schedule: ScheduleRules, overrides: OverrideSpan[], at: string) => {
  const { userIds, shiftEndsAt } = onCallAt(schedule, overrides, new Date(at));
  return { userIds, shiftEndsAt: shiftEndsAt?.toISOString() ?? null };
};

// New York daily 09:00 handoff, a then b; 2026-03-07 09:00 is shift 6 (a), 2026-03-08 is shift 7 (b).
const newYork: ScheduleRules = { timeZone: 'America/New_York', layers: [daily(['a', 'b'], '2026-03-01', '09:00')] };

// Follow the sun, in Berlin time: a New York backstop handing off at 15:00 (09:00 in New York),
// Berlin covering 08:00–16:00 and Sydney 23:00–07:00 on top.
const followTheSun: ScheduleRules = {
  timeZone: 'Europe/Berlin',
  layers: [
    daily(['ny1', 'ny2'], '2026-03-01', '15:00'),
    daily(['ber'], '2026-03-01', '00:00', [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], start: '08:00', end: '16:00' }]),
    daily(['syd'], '2026-03-01', '00:00', [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], start: '23:00', end: '07:00' }]),
  ],
};

const x = override('x', '2026-03-10T12:00:00-04:00', '2026-03-10T18:00:00-04:00');
const y = override('y', '2026-03-10T16:00:00-04:00', '2026-03-10T20:00:00-04:00');
const acrossHandoff = override('x', '2026-03-10T20:00:00-04:00', '2026-03-11T10:00:00-04:00');

const cases: Array<{ name: string; schedule: ScheduleRules; overrides?: OverrideSpan[]; at: string; users: string[]; endsAt: string | null }> = [
  { name: 'just before a handoff: ends at the handoff', schedule: newYork, at: '2026-03-08T08:59:59.999-04:00', users: ['a'], endsAt: '2026-03-08T09:00:00-04:00' },
  { name: 'at a handoff: the next user, ending at the next handoff', schedule: newYork, at: '2026-03-08T09:00:00-04:00', users: ['b'], endsAt: '2026-03-09T09:00:00-04:00' },
  { name: 'before the first handoff: nobody, until it', schedule: newYork, at: '2026-02-28T12:00:00-05:00', users: [], endsAt: '2026-03-01T09:00:00-05:00' },
  {
    name: 'a handoff to the same user is not the end of the shift',
    schedule: { timeZone: 'UTC', layers: [daily(['a', 'a', 'b'], '2026-01-01', '09:00')] },
    at: '2026-01-01T10:00:00Z',
    users: ['a'],
    endsAt: '2026-01-03T09:00:00Z',
  },
  { name: 'a single-user rotation never ends', schedule: { timeZone: 'UTC', layers: [daily(['solo'], '2026-01-01', '09:00')] }, at: '2026-06-01T00:00:00Z', users: ['solo'], endsAt: null },
  { name: 'Berlin layer wins in its hours', schedule: followTheSun, at: '2026-03-24T12:00:00+01:00', users: ['ber'], endsAt: '2026-03-24T16:00:00+01:00' },
  { name: 'backstop between Berlin and Sydney hours', schedule: followTheSun, at: '2026-03-24T17:00:00+01:00', users: ['ny2'], endsAt: '2026-03-24T23:00:00+01:00' },
  { name: 'Sydney layer overnight', schedule: followTheSun, at: '2026-03-25T03:00:00+01:00', users: ['syd'], endsAt: '2026-03-25T07:00:00+01:00' },
  { name: 'backstop again before Berlin opens', schedule: followTheSun, at: '2026-03-25T07:30:00+01:00', users: ['ny2'], endsAt: '2026-03-25T08:00:00+01:00' },
  { name: 'Sydney night across Berlin spring forward ends at 07:00 CEST', schedule: followTheSun, at: '2026-03-29T01:00:00+01:00', users: ['syd'], endsAt: '2026-03-29T07:00:00+02:00' },
  { name: 'an override replaces whoever is on call', schedule: newYork, overrides: [x], at: '2026-03-10T13:00:00-04:00', users: ['x'], endsAt: '2026-03-10T18:00:00-04:00' },
  { name: 'the rotation answer ends where an override starts', schedule: newYork, overrides: [x], at: '2026-03-10T11:00:00-04:00', users: ['b'], endsAt: '2026-03-10T12:00:00-04:00' },
  { name: 'an override end is exclusive', schedule: newYork, overrides: [x], at: '2026-03-10T18:00:00-04:00', users: ['b'], endsAt: '2026-03-11T09:00:00-04:00' },
  { name: 'overlapping overrides: both users, newest first', schedule: newYork, overrides: [x, y], at: '2026-03-10T17:00:00-04:00', users: ['y', 'x'], endsAt: '2026-03-10T18:00:00-04:00' },
  { name: 'after the older override ends, the newer alone', schedule: newYork, overrides: [x, y], at: '2026-03-10T18:30:00-04:00', users: ['y'], endsAt: '2026-03-10T20:00:00-04:00' },
  { name: 'a handoff under an override changes nothing', schedule: newYork, overrides: [acrossHandoff], at: '2026-03-11T08:00:00-04:00', users: ['x'], endsAt: '2026-03-11T10:00:00-04:00' },
  { name: 'an override over layers covers the Berlin hours too', schedule: followTheSun, overrides: [override('x', '2026-03-24T10:00:00+01:00', '2026-03-24T11:00:00+01:00')], at: '2026-03-24T10:30:00+01:00', users: ['x'], endsAt: '2026-03-24T11:00:00+01:00' },
];

describe('onCallAt', () => {
  it.each(cases)('$name', ({ schedule, overrides = [], at, users, endsAt }) => {
    expect(answerAt(schedule, overrides, at)).toEqual({ userIds: users, shiftEndsAt: iso(endsAt) });
  });
});

describe('shiftsBetween', () => {
  const spans = (schedule: ScheduleRules, overrides: OverrideSpan[], from: string, to: string) =>
    shiftsBetween(schedule, overrides, new Date(from), new Date(to)).map((s) => [s.userId, s.start.toISOString(), s.end.toISOString()]);

  it('merges consecutive shifts of one user and clips to the window', () => {
    const schedule: ScheduleRules = { timeZone: 'UTC', layers: [daily(['a', 'a', 'b'], '2026-01-01', '09:00')] };
    expect(spans(schedule, [], '2026-01-01T00:00:00Z', '2026-01-06T12:00:00Z')).toEqual([
      ['a', '2026-01-01T09:00:00.000Z', '2026-01-03T09:00:00.000Z'],
      ['b', '2026-01-03T09:00:00.000Z', '2026-01-04T09:00:00.000Z'],
      ['a', '2026-01-04T09:00:00.000Z', '2026-01-06T09:00:00.000Z'],
      ['b', '2026-01-06T09:00:00.000Z', '2026-01-06T12:00:00.000Z'],
    ]);
  });

  it('splits the rotation around overlapping overrides', () => {
    expect(spans(newYork, [x, y], '2026-03-10T00:00:00-04:00', '2026-03-11T12:00:00-04:00')).toEqual(
      [
        ['a', '2026-03-10T00:00:00-04:00', '2026-03-10T09:00:00-04:00'],
        ['b', '2026-03-10T09:00:00-04:00', '2026-03-10T12:00:00-04:00'],
        ['x', '2026-03-10T12:00:00-04:00', '2026-03-10T18:00:00-04:00'],
        ['y', '2026-03-10T16:00:00-04:00', '2026-03-10T20:00:00-04:00'],
        ['b', '2026-03-10T20:00:00-04:00', '2026-03-11T09:00:00-04:00'],
        ['a', '2026-03-11T09:00:00-04:00', '2026-03-11T12:00:00-04:00'],
      ].map(([user, start, end]) => [user, iso(start), iso(end)]),
    );
  });

  it('gives the Sydney night across Berlin spring forward its 7 real hours', () => {
    const sydney = shiftsBetween(followTheSun, [], new Date('2026-03-28T12:00:00Z'), new Date('2026-03-29T12:00:00Z')).filter((s) => s.userId === 'syd');
    expect(sydney.map((s) => [s.start.toISOString(), (s.end.getTime() - s.start.getTime()) / 3_600_000])).toEqual([['2026-03-28T22:00:00.000Z', 7]]);
  });

  it('agrees with onCallAt at every span across both US and EU DST changes', () => {
    const found = shiftsBetween(followTheSun, [], new Date('2026-03-02T00:00:00Z'), new Date('2026-04-05T00:00:00Z'));
    expect(found.length).toBeGreaterThan(100);
    found.forEach((span, i) => {
      if (i > 0) expect(span.start).toEqual(found[i - 1].end);
      const answer = onCallAt(followTheSun, [], span.start);
      expect(answer.userIds).toEqual([span.userId]);
      if (i < found.length - 1) expect(answer.shiftEndsAt).toEqual(span.end);
    });
  });

  it('walks 90 days of 1-hour shifts change by change', () => {
    const hourly: ScheduleRules = {
      timeZone: 'Europe/Berlin',
      layers: [{ users: ['a', 'b', 'c'], startDate: '2026-03-01', handoffTime: '00:00', shift: { length: 1, unit: 'hours' } }],
    };
    const started = performance.now();
    const found = shiftsBetween(hourly, [], new Date('2026-03-01T00:00:00+01:00'), new Date('2026-05-30T00:00:00+01:00'));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(found).toHaveLength(90 * 24);
    expect(found.every((s) => s.end.getTime() - s.start.getTime() === 3_600_000)).toBe(true);
    expect(found.slice(0, 4).map((s) => s.userId)).toEqual(['a', 'b', 'c', 'a']);
  });
});

describe('shiftsFrom', () => {
  const weekly: ScheduleRules = {
    timeZone: 'UTC',
    layers: [{ users: ['a', 'b'], startDate: '2026-01-01', handoffTime: '09:00', shift: { length: 1, unit: 'weeks' } }],
  };

  it('gives a shift that outlasts the window its real end, not the edge of the window', () => {
    const found = shiftsFrom(weekly, [], new Date('2026-01-01T00:00:00Z'), new Date('2026-01-10T00:00:00Z'));
    expect(found.map((s) => [s.userId, s.start.toISOString(), s.end.toISOString()])).toEqual([
      ['a', '2026-01-01T09:00:00.000Z', '2026-01-08T09:00:00.000Z'],
      ['b', '2026-01-08T09:00:00.000Z', '2026-01-15T09:00:00.000Z'],
    ]);
  });

  it('ends a running shift where an override after the window cuts it', () => {
    const found = shiftsFrom(weekly, [override('c', '2026-01-12T00:00:00Z', '2026-01-13T00:00:00Z')], new Date('2026-01-08T12:00:00Z'), new Date('2026-01-10T00:00:00Z'));
    expect(found.map((s) => [s.userId, s.end.toISOString()])).toEqual([['b', '2026-01-12T00:00:00.000Z']]);
  });

  it('keeps spans that end inside the window as they are', () => {
    const from = new Date('2026-01-01T00:00:00Z');
    const to = new Date('2026-01-20T00:00:00Z');
    expect(shiftsFrom(weekly, [], from, to).slice(0, 2)).toEqual(shiftsBetween(weekly, [], from, to).slice(0, 2));
  });
});
