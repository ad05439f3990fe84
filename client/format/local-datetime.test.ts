import { describe, expect, it } from 'vitest';
import { fromLocalInput, toLocalInput } from './local-datetime';

describe('datetime-local values', () => {
  it('round-trips an instant through the device zone to the minute', () => {
    const iso = '2026-03-02T03:05:00.000Z';
    expect(fromLocalInput(toLocalInput(iso))).toBe(iso);
    expect(toLocalInput('2026-03-02T03:05:42.123Z')).toBe(toLocalInput(iso));
  });

  it('leaves empty and broken values out', () => {
    expect(toLocalInput(null)).toBe('');
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('yesterday')).toBeNull();
  });
});
