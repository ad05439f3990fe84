import { describe, expect, it } from 'vitest';
import { EventRateLimiter } from './rate-limit';

function fakeClock(start = Date.parse('2026-12-02T03:00:00Z')) {
  let now = start;
  return { now: () => new Date(now), advance: (ms: number) => (now += ms) };
}

describe('EventRateLimiter', () => {
  it("allows a minute's worth at once, then refuses with the wait until the next token", () => {
    const clock = fakeClock();
    const limiter = new EventRateLimiter(clock, 120);
    for (let i = 0; i < 120; i++) expect(limiter.take('key').ok).toBe(true);
    expect(limiter.take('key')).toEqual({ ok: false, retryAfterSeconds: 1 });
  });

  it('refills at the sustained rate', () => {
    const clock = fakeClock();
    const limiter = new EventRateLimiter(clock, 60);
    for (let i = 0; i < 60; i++) limiter.take('key');
    expect(limiter.take('key').ok).toBe(false);
    clock.advance(1000);
    expect(limiter.take('key').ok).toBe(true);
    expect(limiter.take('key').ok).toBe(false);
    clock.advance(10_000);
    for (let i = 0; i < 10; i++) expect(limiter.take('key').ok).toBe(true);
    expect(limiter.take('key').ok).toBe(false);
  });

  it('keeps keys apart', () => {
    const limiter = new EventRateLimiter(fakeClock(), 1);
    expect(limiter.take('a').ok).toBe(true);
    expect(limiter.take('a')).toEqual({ ok: false, retryAfterSeconds: 60 });
    expect(limiter.take('b').ok).toBe(true);
  });
});
