import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { effectScope } from 'vue';
import { useNow } from './use-now';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-03-02T03:00:00Z'));
});
afterEach(() => vi.useRealTimers());

describe('useNow', () => {
  it('ticks at the interval asked for, each interval on its own shared timer', () => {
    const scope = effectScope();
    const [perSecond, slow, slowAgain] = scope.run(() => [useNow(1000), useNow(), useNow()])!;
    expect(slow).toBe(slowAgain);
    vi.advanceTimersByTime(1000);
    expect(perSecond.value.toISOString()).toBe('2026-03-02T03:00:01.000Z');
    expect(slow.value.toISOString()).toBe('2026-03-02T03:00:00.000Z');
    vi.advanceTimersByTime(19_000);
    expect(slow.value.toISOString()).toBe('2026-03-02T03:00:20.000Z');
    scope.stop();
    vi.advanceTimersByTime(5000);
    expect(perSecond.value.toISOString()).toBe('2026-03-02T03:00:20.000Z');
  });
});
