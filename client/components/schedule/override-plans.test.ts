import { describe, expect, it } from 'vitest';
import { defaultCoverTimes, swapOverrides, swappableShifts, takeOver } from './override-plans';

const now = new Date('2026-03-10T10:20:00Z');
const at = (iso: string) => new Date(iso);

describe('override plans', () => {
  it('takes a shift from now when it has begun, never longer than the API allows', () => {
    expect(takeOver({ start: at('2026-03-10T09:00:00Z'), end: at('2026-03-11T09:00:00Z') }, 'me', now)).toEqual({
      userId: 'me',
      start: '2026-03-10T10:20:00.000Z',
      end: '2026-03-11T09:00:00.000Z',
    });
    expect(takeOver({ start: at('2026-03-12T09:00:00Z'), end: at('2026-09-01T00:00:00Z') }, 'me', now)).toEqual({
      userId: 'me',
      start: '2026-03-12T09:00:00.000Z',
      end: '2026-06-10T09:00:00.000Z',
    });
  });

  it('swaps two shifts as two covers', () => {
    const ada = { userId: 'ada', start: at('2026-03-12T09:00:00Z'), end: at('2026-03-13T09:00:00Z') };
    const bob = { userId: 'bob', start: at('2026-03-13T09:00:00Z'), end: at('2026-03-14T09:00:00Z') };
    expect(swapOverrides(ada, bob, now)).toEqual([
      { userId: 'bob', start: '2026-03-12T09:00:00.000Z', end: '2026-03-13T09:00:00.000Z' },
      { userId: 'ada', start: '2026-03-13T09:00:00.000Z', end: '2026-03-14T09:00:00.000Z' },
    ]);
  });

  it('offers shifts that have not ended, from now on', () => {
    const spans = [
      { userId: 'ada', start: at('2026-03-09T09:00:00Z'), end: at('2026-03-10T09:00:00Z') },
      { userId: 'bob', start: at('2026-03-10T09:00:00Z'), end: at('2026-03-11T09:00:00Z') },
    ];
    expect(swappableShifts(spans, now)).toEqual([{ userId: 'bob', start: now, end: at('2026-03-11T09:00:00Z') }]);
  });

  it('suggests covering a night from the next full hour', () => {
    expect(defaultCoverTimes(now)).toEqual({ start: at('2026-03-10T11:00:00Z'), end: at('2026-03-10T23:00:00Z') });
  });
});
