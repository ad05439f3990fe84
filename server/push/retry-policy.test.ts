import { describe, expect, it } from 'vitest';
import { defaultRetryAfterMs, maxDeliveryAttempts, maxRetryAfterMs, parseRetryAfterMs, retryDelayMs } from './retry-policy';

const now = new Date('2026-03-02T03:00:00Z');

describe('parseRetryAfterMs', () => {
  it.each([
    ['0', 0],
    ['2', 2000],
    [' 120 ', 120_000],
    ['Mon, 02 Mar 2026 03:00:30 GMT', 30_000],
    ['Mon, 02 Mar 2026 02:59:00 GMT', 0], // a date in the past means now
    ['999999', maxRetryAfterMs],
  ])('reads %j as %d ms', (value, expected) => {
    expect(parseRetryAfterMs(value, now)).toBe(expected);
  });

  it.each([undefined, '', 'soon', '-5', '1.5', '2e3'])('falls back to the default for %j', (value) => {
    expect(parseRetryAfterMs(value, now)).toBe(defaultRetryAfterMs);
  });
});

describe('retryDelayMs', () => {
  it('backs off 5 s, 15 s, 45 s, 2 min, then 5 min', () => {
    expect([1, 2, 3, 4, 5, 6, 50].map(retryDelayMs)).toEqual([5000, 15_000, 45_000, 120_000, 300_000, 300_000, 300_000]);
  });

  it('gives up after about eight minutes of retries', () => {
    const waited = Array.from({ length: maxDeliveryAttempts - 1 }, (_, i) => retryDelayMs(i + 1)).reduce((a, b) => a + b);
    expect(maxDeliveryAttempts).toBe(6);
    expect(waited).toBe(485_000);
  });
});
