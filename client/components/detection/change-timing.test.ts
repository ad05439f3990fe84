import { describe, expect, it } from 'vitest';
import { changeTiming } from './change-timing';

const start = '2026-03-02T03:00:00Z';

describe('changeTiming', () => {
  it.each([
    ['2026-03-02T02:48:00Z', '12 min before the incident started'],
    ['2026-03-02T00:30:00Z', '2 h 30 min before the incident started'],
    ['2026-03-02T02:59:30Z', 'as the incident started'],
    ['2026-03-02T03:05:00Z', '5 min after the incident started'],
  ])('%s reads "%s"', (at, expected) => {
    expect(changeTiming(at, start)).toBe(expected);
  });
});
