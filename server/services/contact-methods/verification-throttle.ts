import type { Clock } from '../../clock';

/** Verification emails one user may have sent in an hour: enough for typos, too few to spam with. */
export const verificationEmailsPerHour = 5;
const hourMs = 3_600_000;

/**
 * Adding an email method mails a code to whatever address was typed, so without a cap any signed-in user could
 * make Muster mail strangers. Kept per instance, like the integration rate limits.
 */
export class VerificationThrottle {
  private readonly sent = new Map<string, number[]>();

  constructor(private readonly clock: Clock) {}

  /** Records one email for `userId`, or says in how many seconds the next one may go. */
  take(userId: string): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const now = this.clock.now().getTime();
    const recent = (this.sent.get(userId) ?? []).filter((at) => at > now - hourMs);
    if (recent.length >= verificationEmailsPerHour) {
      this.sent.set(userId, recent);
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((recent[0] + hourMs - now) / 1000)) };
    }
    this.sent.set(userId, [...recent, now]);
    return { ok: true };
  }
}
