import { describe, expect, it } from 'vitest';
import { clockIn, dateTimeIn, instantOfLocalInput, localDateIn, localInputValue } from './zone-time';

describe('schedule zone wall clock', () => {
  it('reads an instant as the schedule zone shows it, on a 24-hour clock', () => {
    const at = new Date('2026-03-09T23:30:00Z');
    expect(clockIn('Europe/Berlin', at)).toBe('00:30');
    expect(localDateIn('Europe/Berlin', at)).toBe('2026-03-10');
    expect(localDateIn('America/New_York', at)).toBe('2026-03-09');
    expect(localInputValue('America/New_York', at)).toBe('2026-03-09T19:30');
    expect(clockIn('UTC', new Date('2026-03-09T00:05:00Z'))).toBe('00:05');
    expect(dateTimeIn('UTC', at, 'en-US')).toBe('Mon, Mar 9, 23:30');
  });

  it('turns a datetime-local value into the instant in the schedule zone, whatever zone the device has', () => {
    expect(instantOfLocalInput('Europe/Berlin', '2026-03-10T09:00')?.toISOString()).toBe('2026-03-10T08:00:00.000Z');
    expect(instantOfLocalInput('Asia/Tokyo', '2026-03-10T09:00')?.toISOString()).toBe('2026-03-10T00:00:00.000Z');
    // A wall time skipped by spring-forward means the first instant after the gap, as rotations read it.
    expect(instantOfLocalInput('America/New_York', '2026-03-08T02:30')?.toISOString()).toBe('2026-03-08T07:00:00.000Z');
    expect(localInputValue('Asia/Tokyo', instantOfLocalInput('Asia/Tokyo', '2026-12-31T23:59')!)).toBe('2026-12-31T23:59');
  });

  it('answers null for an unfinished input', () => {
    expect(instantOfLocalInput('UTC', '')).toBeNull();
    expect(instantOfLocalInput('UTC', '2026-03-10')).toBeNull();
  });
});
