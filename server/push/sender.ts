import type { OutgoingHttpHeaders } from 'node:http';
import type { Agent } from 'node:https';
import webpush, { type PushSubscription } from 'web-push';
import { sendOutgoing, UnreachableError, type OutgoingResponse } from '../net/outgoing-request';
import { parseOutgoingUrl } from '../net/outgoing-url';
import { pushEndpointPolicy } from './endpoint-policy';
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
 * - `rejected`: this message can never be delivered as it is (other 4xx, an unusable subscription key, or an
 *   endpoint the rules refuse): record it, do not retry, keep the subscription.
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
  /** Entries of MUSTER_PUSH_ALLOWED_HOSTS: every send checks its endpoint again, as subscribing did. */
  allowedHosts?: readonly string[];
  /** A keep-alive agent saves a TLS handshake per message; tests pass one that trusts their certificate. */
  agent?: Agent;
  /** Gives up on a push service that stops answering for this long (socket idle time). */
  timeoutMs?: number;
}

export const defaultPushTimeoutMs = 10_000;

/** All that a user or the timeline learns about a failure on the way: the cause would map the network. */
export const unreachableMessage = 'could not reach the push service';

// Signing the VAPID JWT costs several times as much as encrypting the message, and a push service accepts the
// same JWT for every message to its origin until `exp`. So each origin's JWT is signed once and reused for an
// hour; it stays valid for 12 hours, leaving a wide margin for clock skew (RFC 8292 allows at most 24).
// Real time, not an injected Clock: the push service checks `exp` against its own clock.
const jwtLifetimeSeconds = 12 * 3600;
const jwtReuseMs = 3600_000;

export function createPushSender({ vapid, allowedHosts = [], agent, timeoutMs = defaultPushTimeoutMs }: PushSenderOptions): PushSender {
  const policy = pushEndpointPolicy(allowedHosts);
  const signed = new Map<string, { authorization: string; renewAt: number }>();

  function authorizationFor(audience: string): string {
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
    async send(subscription, payloadJson, { ttlSeconds, urgency, topic }) {
      // Subscriptions stored before the endpoint rules tightened are refused here too.
      const checked = parseOutgoingUrl(subscription.endpoint, policy);
      if (!checked.ok) return { kind: 'rejected', error: `cannot send: the endpoint ${checked.reason}` };
      const { target } = checked;
      let request: { headers: OutgoingHttpHeaders; body: Buffer | null };
      try {
        // Only encryption and headers come from web-push: its sendNotification would parse the endpoint again,
        // with the legacy url.parse, and connect wherever that parser reads the host.
        request = webpush.generateRequestDetails(subscription, payloadJson, {
          TTL: ttlSeconds,
          urgency,
          ...(topic && { topic }),
          // Without vapidDetails web-push sends this header as it is instead of signing a new JWT.
          headers: { Authorization: authorizationFor(target.origin) },
          contentEncoding: 'aes128gcm',
        });
      } catch (err) {
        // An unusable subscription key (Node's ERR_CRYPTO_*) or option: this message can never be sent as it is.
        return { kind: 'rejected', error: `cannot send: ${(err as Error).message}` };
      }
      try {
        const response = await sendOutgoing(target, { method: 'POST', headers: request.headers, body: request.body, timeoutMs, agent });
        return outcomeForResponse(response, new Date());
      } catch (err) {
        if (err instanceof UnreachableError) return { kind: 'retryable', error: unreachableMessage };
        return { kind: 'rejected', error: `cannot send: ${(err as Error).message}` };
      }
    },
  };
}

/** The same reading of an answer as web-push's: any 2xx is delivered. */
function outcomeForResponse({ status, headers, body }: OutgoingResponse, now: Date): PushOutcome {
  if (status >= 200 && status <= 299) return { kind: 'delivered', status };
  const retryAfter = headers['retry-after'];
  const error = `push service answered ${status}${body.trim() ? `: ${body.trim().slice(0, 200)}` : ''}`;
  if (status === 404 || status === 410) return { kind: 'gone', status };
  if (status === 429) return { kind: 'rate_limited', status, retryAfterMs: parseRetryAfterMs(retryAfter, now) };
  if (status >= 500) return { kind: 'retryable', status, error, ...(retryAfter && { retryAfterMs: parseRetryAfterMs(retryAfter, now) }) };
  return { kind: 'rejected', status, error };
}
