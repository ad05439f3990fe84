/**
 * Counts failed logins per account and per client address in fixed windows and refuses
 * further attempts once a limit is reached. Kept in memory: one Muster process serves
 * logins, and a restart forgetting the counts is harmless.
 */
export interface ThrottleLimits {
  windowMs: number;
  perAccount: number;
  perAddress: number;
}

export const defaultLimits: ThrottleLimits = { windowMs: 15 * 60_000, perAccount: 10, perAddress: 50 };

interface Window {
  startedAt: number;
  failures: number;
}

export class LoginThrottle {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly limits: ThrottleLimits = defaultLimits) {}

  /** Seconds to wait before trying again, or 0 when an attempt is allowed now. */
  retryAfter(email: string, address: string, now: number): number {
    const waits = [
      this.wait(`account:${email}`, this.limits.perAccount, now),
      this.wait(`address:${address}`, this.limits.perAddress, now),
    ];
    return Math.max(...waits);
  }

  recordFailure(email: string, address: string, now: number): void {
    if (this.windows.size > 10_000) this.forgetExpired(now);
    for (const key of [`account:${email}`, `address:${address}`]) {
      const window = this.current(key, now);
      window.failures += 1;
      this.windows.set(key, window);
    }
  }

  recordSuccess(email: string): void {
    this.windows.delete(`account:${email}`);
  }

  private forgetExpired(now: number): void {
    for (const [key, window] of this.windows) {
      if (now - window.startedAt >= this.limits.windowMs) this.windows.delete(key);
    }
  }

  private current(key: string, now: number): Window {
    const window = this.windows.get(key);
    if (window && now - window.startedAt < this.limits.windowMs) return window;
    return { startedAt: now, failures: 0 };
  }

  private wait(key: string, limit: number, now: number): number {
    const window = this.current(key, now);
    if (window.failures < limit) return 0;
    return Math.ceil((window.startedAt + this.limits.windowMs - now) / 1000);
  }
}
