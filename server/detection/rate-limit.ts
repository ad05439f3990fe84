import type { Clock } from '../clock';

/** PagerDuty's own default for one integration key. */
export const defaultEventsPerMinute = 120;

/** Buckets kept before full ones (keys that went quiet) are dropped. */
const maxBuckets = 10_000;

/**
 * A token bucket per integration key: `perMinute` events a minute sustained, and up to a minute's worth at
 * once, so a tool flushing a backlog after a network blip is not refused. Kept per instance: behind a load
 * balancer each instance allows its share.
 */
export class EventRateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly clock: Clock,
    readonly perMinute: number,
  ) {}

  /** Takes one event's token; when none is left, how many seconds until one is. */
  take(key: string): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const now = this.clock.now().getTime();
    const perMs = this.perMinute / 60_000;
    const bucket = this.buckets.get(key) ?? { tokens: this.perMinute, at: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * perMs);
    bucket.at = now;
    if (!this.buckets.has(key)) this.evictIfFull();
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000)) };
  }

  private evictIfFull(): void {
    if (this.buckets.size < maxBuckets) return;
    const now = this.clock.now().getTime();
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.at) * (this.perMinute / 60_000) >= this.perMinute) this.buckets.delete(key);
    }
  }
}
