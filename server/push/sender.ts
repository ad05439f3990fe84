import type { Agent } from 'node:https';
import webpush, { type PushSubscription, type WebPushError } from 'web-push';
import type { Urgency } from './page-payload';
import { parseRetryAfterMs } from './retry-policy';
import type { VapidKeys } from './vapid';

export { maxDeliveryAttempts, retryDelayMs } from './retry-policy';

export type PushTarget = Pick<PushSubscription, 'endpoint' | 'keys'>;

export interface SendOptions {
  ttlSeconds: number;
  urgency: Urgency;
  /** Up to 32 base64url characters; a queued message with the same topic is replaced by this one. */
  topic?: string;
}

/**
 * What happened to one message, and so what the caller should do:
 * - `gone`: the subscription is dead (404/410): delete it.
 * - `rate_limited`: try again after `retryAfterMs`.
 * - `retryable`: 5xx, network error or timeout: retry with `retryDelayMs` (or `retryAfterMs` if the service said).
 * - `rejected`: this message can never be delivered as it is (other 4xx, or an unusable subscription key):
 *   record it, do not retry, keep the subscription.
 */
export type PushOutcome =
  | { kind: 'delivered'; status: number }
  | { kind: 'gone'; status: number }
  | { kind: 'rate_limited'; status: 429; retryAfterMs: number }
  | { kind: 'retryable'; status?: number; retryAfterMs?: number; error: string }
  | { kind: 'rejected'; status?: number; error: string };

export interface PushSender {
  /** Encrypts and sends one message. Never throws: every failure is an outcome. */
  send(target: PushTarget, payloadJson: string, options: SendOptions): Promise<PushOutcome>;
}

export interface PushSenderOptions {
  vapid: VapidKeys;
  /** A keep-alive agent saves a TLS handshake per message; tests pass one that trusts their certificate. */
  agent?: Agent;
  /** Gives up on a push service that stops answering for this long (socket idle time). */
  timeoutMs?: number;
}

export const defaultPushTimeoutMs = 10_000;

// Signing the VAPID JWT costs several times as much as encrypting the message, and a push service accepts the
// same JWT for every message to its origin until `exp`. So each origin's JWT is signed once and reused for an
// hour; it stays valid for 12 hours, leaving a wide margin for clock skew (RFC 8292 allows at most 24).
// Real time, not an injected Clock: the push service checks `exp` against its own clock.
const jwtLifetimeSeconds = 12 * 3600;
const jwtReuseMs = 3600_000;

export function createPushSender({ vapid, agent, timeoutMs = defaultPushTimeoutMs }: PushSenderOptions): PushSender {
  const signed = new Map<string, { authorization: string; renewAt: number }>();

  function authorizationFor(endpoint: string): string {
    const audience = new URL(endpoint).origin;
    const now = Date.now();
    const cached = signed.get(audience);
    if (cached && cached.renewAt > now) return cached.authorization;
    for (const [origin, entry] of signed) if (entry.renewAt <= now) signed.delete(origin);
    const expiresAt = Math.floor(now / 1000) + jwtLifetimeSeconds;
    const { Authorization } = webpush.getVapidHeaders(audience, vapid.subject, vapid.publicKey, vapid.privateKey, 'aes128gcm', expiresAt);
    signed.set(audience, { authorization: Authorization, renewAt: now + jwtReuseMs });
    return Authorization;
  }

  return {
    async send(target, payloadJson, { ttlSeconds, urgency, topic }) {
      let authorization: string;
      try {
        authorization = authorizationFor(target.endpoint);
      } catch (err) {
        return { kind: 'rejected', error: `cannot send: ${(err as Error).message}` };
      }
      try {
        const result = await webpush.sendNotification(target, payloadJson, {
          TTL: ttlSeconds,
          urgency,
          ...(topic && { topic }),
          // Without vapidDetails web-push sends this header as it is instead of signing a new JWT.
          headers: { Authorization: authorization },
          ...(agent && { agent }),
          timeout: timeoutMs,
          contentEncoding: 'aes128gcm',
        });
        return { kind: 'delivered', status: result.statusCode };
      } catch (err) {
        if (err instanceof webpush.WebPushError) return outcomeForStatus(err, new Date());
        return outcomeForError(err as Error);
      }
    },
  };
}

function outcomeForStatus(err: WebPushError, now: Date): PushOutcome {
  const status = err.statusCode;
  const retryAfter = err.headers['retry-after'];
  const error = `push service answered ${status}${err.body ? `: ${err.body.trim().slice(0, 200)}` : ''}`;
  if (status === 404 || status === 410) return { kind: 'gone', status };
  if (status === 429) return { kind: 'rate_limited', status, retryAfterMs: parseRetryAfterMs(retryAfter, now) };
  if (status >= 500) return { kind: 'retryable', status, error, ...(retryAfter && { retryAfterMs: parseRetryAfterMs(retryAfter, now) }) };
  return { kind: 'rejected', status, error };
}

// web-push checks the subscription and options before connecting and throws plain Errors without a `code`;
// Node's ERR_CRYPTO_* codes mean a p256dh that is not a point on the curve. Anything else (ECONNREFUSED,
// TLS errors, "Socket timeout") happened on the way to the push service and may go away.
function outcomeForError(err: Error): PushOutcome {
  const code = (err as NodeJS.ErrnoException).code;
  const message = code && !err.message.includes(code) ? `${code}: ${err.message}` : err.message;
  const beforeSending = (!code && err.message !== 'Socket timeout') || code?.startsWith('ERR_CRYPTO_');
  return beforeSending ? { kind: 'rejected', error: `cannot send: ${message}` } : { kind: 'retryable', error: message };
}
