/**
 * Counts failed sign-ins per account and per client address in fixed windows and refuses
 * further attempts once a limit is reached. An attempt counts from its start and is given
 * back when the password was right. Kept in memory: one Muster process serves logins, and a
 * restart forgetting the counts is harmless.
 */
export interface ThrottleLimits {
  windowMs: number;
  perAccount: number;
  perAddress: number;
}

export const defaultLimits: ThrottleLimits = { windowMs: 15 * 60_000, perAccount: 10, perAddress: 50 };

interface Window {
  startedAt: number;
  attempts: number;
}

export class LoginThrottle {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly limits: ThrottleLimits = defaultLimits) {}

  /**
   * Counts an attempt before its (slow) password check, so parallel guesses cannot all pass
   * the limit check first. Returns seconds to wait, or 0 when the attempt may go ahead.
   */
  attempt(email: string, address: string, now: number): number {
    const keys = [`account:${email}`, `address:${address}`];
    const wait = Math.max(this.wait(keys[0], this.limits.perAccount, now), this.wait(keys[1], this.limits.perAddress, now));
    if (wait > 0) return wait;
    if (this.windows.size > 10_000) this.forgetExpired(now);
    for (const key of keys) {
      const window = this.current(key, now);
      window.attempts += 1;
      this.windows.set(key, window);
    }
    return 0;
  }

  /** The password was right: the account starts afresh and the attempt stops counting against the address. */
  recordSuccess(email: string, address: string): void {
    this.windows.delete(`account:${email}`);
    const window = this.windows.get(`address:${address}`);
    if (window && window.attempts > 0) window.attempts -= 1;
  }

  private forgetExpired(now: number): void {
    for (const [key, window] of this.windows) {
      if (now - window.startedAt >= this.limits.windowMs) this.windows.delete(key);
    }
  }

  private current(key: string, now: number): Window {
    const window = this.windows.get(key);
    if (window && now - window.startedAt < this.limits.windowMs) return window;
    return { startedAt: now, attempts: 0 };
  }

  private wait(key: string, limit: number, now: number): number {
    const window = this.current(key, now);
    if (window.attempts < limit) return 0;
    return Math.ceil((window.startedAt + this.limits.windowMs - now) / 1000);
  }
}
