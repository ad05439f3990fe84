import { describe, expect, it } from 'vitest';
import { layerHandoffsBetween, layerOnCallAt, type RotationLayer } from './rotation';

const iso = (at: string) => new Date(at).toISOString();
const daily = (startDate: string, handoffTime: string, users = ['a', 'b']): RotationLayer => ({
  users,
  startDate,
  handoffTime,
  shift: { length: 1, unit: 'days' },
});

// Each row: a layer, a window to list handoffs in, and the handoffs written as local wall time.
const handoffCases: Array<{ name: string; zone: string; layer: RotationLayer; from: string; to: string; expected: string[] }> = [
  {
    name: 'daily 09:00 stays 09:00 local across New York spring forward',
    zone: 'America/New_York',
    layer: daily('2026-03-01', '09:00'),
    from: '2026-03-07T00:00:00Z',
    to: '2026-03-10T00:00:00Z',
    expected: ['2026-03-07T09:00:00-05:00', '2026-03-08T09:00:00-04:00', '2026-03-09T09:00:00-04:00'],
  },
  {
    name: 'daily 09:00 stays 09:00 local across New York fall back',
    zone: 'America/New_York',
    layer: daily('2026-10-01', '09:00'),
    from: '2026-10-31T00:00:00Z',
    to: '2026-11-03T00:00:00Z',
    expected: ['2026-10-31T09:00:00-04:00', '2026-11-01T09:00:00-05:00', '2026-11-02T09:00:00-05:00'],
  },
  {
    name: 'daily 09:00 stays 09:00 local across Berlin spring forward and fall back',
    zone: 'Europe/Berlin',
    layer: { ...daily('2026-03-28', '09:00'), shift: { length: 211, unit: 'days' } },
    from: '2026-03-01T00:00:00Z',
    to: '2026-10-26T00:00:00Z',
    expected: ['2026-03-28T09:00:00+01:00', '2026-10-25T09:00:00+01:00'],
  },
  {
    name: 'daily 09:00 stays 09:00 local across Sydney autumn fall back and spring forward',
    zone: 'Australia/Sydney',
    layer: { ...daily('2026-04-04', '09:00'), shift: { length: 183, unit: 'days' } },
    from: '2026-04-01T00:00:00Z',
    to: '2026-10-05T00:00:00Z',
    expected: ['2026-04-04T09:00:00+11:00', '2026-10-04T09:00:00+11:00'],
  },
  {
    name: '02:30 handoff on the New York spring-forward day happens at 03:00 EDT',
    zone: 'America/New_York',
    layer: daily('2026-03-01', '02:30'),
    from: '2026-03-07T00:00:00Z',
    to: '2026-03-10T00:00:00Z',
    expected: ['2026-03-07T02:30:00-05:00', '2026-03-08T03:00:00-04:00', '2026-03-09T02:30:00-04:00'],
  },
  {
    name: '02:30 handoff on the Berlin spring-forward day happens at 03:00 CEST',
    zone: 'Europe/Berlin',
    layer: daily('2026-03-01', '02:30'),
    from: '2026-03-28T00:00:00Z',
    to: '2026-03-31T00:00:00Z',
    expected: ['2026-03-28T02:30:00+01:00', '2026-03-29T03:00:00+02:00', '2026-03-30T02:30:00+02:00'],
  },
  {
    name: '01:30 handoff on the New York fall-back day happens once, at the first 01:30',
    zone: 'America/New_York',
    layer: daily('2026-10-01', '01:30'),
    from: '2026-10-31T12:00:00Z',
    to: '2026-11-02T12:00:00Z',
    expected: ['2026-11-01T01:30:00-04:00', '2026-11-02T01:30:00-05:00'],
  },
  {
    name: '02:30 handoff on the Berlin fall-back day happens once, at the first 02:30',
    zone: 'Europe/Berlin',
    layer: daily('2026-10-01', '02:30'),
    from: '2026-10-24T12:00:00Z',
    to: '2026-10-26T12:00:00Z',
    expected: ['2026-10-25T02:30:00+02:00', '2026-10-26T02:30:00+01:00'],
  },
  {
    name: '12-hour shifts are 12 elapsed hours across New York spring forward (local clock drifts)',
    zone: 'America/New_York',
    layer: { ...daily('2026-03-07', '09:00'), shift: { length: 12, unit: 'hours' } },
    from: '2026-03-07T00:00:00Z',
    to: '2026-03-09T03:00:00Z',
    expected: ['2026-03-07T09:00:00-05:00', '2026-03-07T21:00:00-05:00', '2026-03-08T10:00:00-04:00', '2026-03-08T22:00:00-04:00'],
  },
  {
    name: '12-hour shifts are 12 elapsed hours across Berlin fall back',
    zone: 'Europe/Berlin',
    layer: { ...daily('2026-10-24', '20:00'), shift: { length: 12, unit: 'hours' } },
    from: '2026-10-24T00:00:00Z',
    to: '2026-10-26T00:00:00Z',
    expected: ['2026-10-24T20:00:00+02:00', '2026-10-25T07:00:00+01:00', '2026-10-25T19:00:00+01:00'],
  },
  {
    name: 'weekly Monday 09:00 handoff across Berlin spring forward',
    zone: 'Europe/Berlin',
    layer: { ...daily('2026-03-23', '09:00'), shift: { length: 1, unit: 'weeks' } },
    from: '2026-03-20T00:00:00Z',
    to: '2026-04-07T00:00:00Z',
    expected: ['2026-03-23T09:00:00+01:00', '2026-03-30T09:00:00+02:00', '2026-04-06T09:00:00+02:00'],
  },
  {
    name: 'a handoff exactly at the window start is listed',
    zone: 'UTC',
    layer: { ...daily('2026-01-01', '00:00'), shift: { length: 2, unit: 'days' } },
    from: '2026-01-03T00:00:00Z',
    to: '2026-01-07T00:00:00Z',
    expected: ['2026-01-03T00:00:00Z', '2026-01-05T00:00:00Z'],
  },
];

describe('layer handoffs', () => {
  it.each(handoffCases)('$name', ({ zone, layer, from, to, expected }) => {
    const handoffs = layerHandoffsBetween(layer, zone, new Date(from), new Date(to));
    expect(handoffs.map((d) => d.toISOString())).toEqual(expected.map(iso));
  });
});

const weekly: RotationLayer = { ...daily('2026-03-23', '09:00', ['a', 'b', 'c']), shift: { length: 1, unit: 'weeks' } };
const officeHours: RotationLayer = {
  ...daily('2026-03-01', '09:00', ['office']),
  restrictions: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00' }],
};
const nights: RotationLayer = {
  ...daily('2026-03-01', '12:00', ['night']),
  restrictions: [{ days: ['fri', 'sat'], start: '22:00', end: '06:00' }],
};

const weekendDay: RotationLayer = {
  ...daily('2026-03-01', '12:00', ['weekend']),
  restrictions: [{ days: ['sat'], start: '09:00', end: '09:00' }],
};

const onCallCases: Array<{ name: string; zone: string; layer: RotationLayer; at: string; expected: string | null }> = [
  { name: 'nobody before the first handoff', zone: 'Europe/Berlin', layer: weekly, at: '2026-03-23T08:59:59+01:00', expected: null },
  { name: 'first user from the first handoff', zone: 'Europe/Berlin', layer: weekly, at: '2026-03-23T09:00:00+01:00', expected: 'a' },
  { name: 'second user a week later, across DST', zone: 'Europe/Berlin', layer: weekly, at: '2026-03-30T09:00:00+02:00', expected: 'b' },
  { name: 'still second user one minute before 09:00 CEST', zone: 'Europe/Berlin', layer: weekly, at: '2026-04-06T08:59:00+02:00', expected: 'b' },
  { name: 'third user', zone: 'Europe/Berlin', layer: weekly, at: '2026-04-06T09:00:00+02:00', expected: 'c' },
  { name: 'wraps around to the first user', zone: 'Europe/Berlin', layer: weekly, at: '2026-04-13T12:00:00+02:00', expected: 'a' },
  { name: 'many shifts later (index mod users)', zone: 'Europe/Berlin', layer: weekly, at: '2027-03-22T09:00:00+01:00', expected: 'b' },
  { name: 'in office hours', zone: 'Europe/Berlin', layer: officeHours, at: '2026-03-30T09:00:00+02:00', expected: 'office' },
  { name: 'office window end is exclusive', zone: 'Europe/Berlin', layer: officeHours, at: '2026-03-30T17:00:00+02:00', expected: null },
  { name: 'no office hours on a Saturday', zone: 'Europe/Berlin', layer: officeHours, at: '2026-03-28T12:00:00+01:00', expected: null },
  { name: 'overnight window before midnight', zone: 'Europe/Berlin', layer: nights, at: '2026-03-27T23:00:00+01:00', expected: 'night' },
  { name: 'overnight window runs into the next day', zone: 'Europe/Berlin', layer: nights, at: '2026-03-28T05:59:00+01:00', expected: 'night' },
  { name: 'overnight window ends at 06:00 local', zone: 'Europe/Berlin', layer: nights, at: '2026-03-28T06:00:00+01:00', expected: null },
  { name: 'Saturday night window crosses spring forward', zone: 'Europe/Berlin', layer: nights, at: '2026-03-29T05:30:00+02:00', expected: 'night' },
  { name: 'a window ending at its start time lasts until the next day', zone: 'Europe/Berlin', layer: weekendDay, at: '2026-03-29T08:59:00+02:00', expected: 'weekend' },
  { name: 'a 24-hour window ends at its start time', zone: 'Europe/Berlin', layer: weekendDay, at: '2026-03-29T09:00:00+02:00', expected: null },
  { name: 'not on a Thursday night', zone: 'Europe/Berlin', layer: nights, at: '2026-03-26T23:00:00+01:00', expected: null },
];

describe('layerOnCallAt', () => {
  it.each(onCallCases)('$name', ({ zone, layer, at, expected }) => {
    expect(layerOnCallAt(layer, zone, new Date(at))).toBe(expected);
  });

  it('hands over exactly at the spring-forward gap end for a 02:30 handoff', () => {
    const layer = daily('2026-03-07', '02:30');
    expect(layerOnCallAt(layer, 'America/New_York', new Date('2026-03-08T01:59:59-05:00'))).toBe('a');
    expect(layerOnCallAt(layer, 'America/New_York', new Date('2026-03-08T03:00:00-04:00'))).toBe('b');
  });

  it('does not hand over again at the second 01:30 on the fall-back day', () => {
    const layer = daily('2026-10-31', '01:30');
    expect(layerOnCallAt(layer, 'America/New_York', new Date('2026-11-01T01:29:00-04:00'))).toBe('a');
    expect(layerOnCallAt(layer, 'America/New_York', new Date('2026-11-01T01:30:00-04:00'))).toBe('b');
    expect(layerOnCallAt(layer, 'America/New_York', new Date('2026-11-01T01:30:00-05:00'))).toBe('b');
    expect(layerOnCallAt(layer, 'America/New_York', new Date('2026-11-02T01:29:00-05:00'))).toBe('b');
  });
});
