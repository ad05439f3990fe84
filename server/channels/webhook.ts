import { createHmac } from 'node:crypto';
import type { Severity } from '../../shared/domain/severity';
import type { ChannelOutcome, PageMessage } from './channel';
import type { ChannelHttp, ChannelRequest } from './http-delivery';

export interface WebhookDestination {
  url: string;
  /** Signs each request when set, so the receiver can tell Muster's requests from anyone else's. */
  secret?: string | null;
}

/** What a contact webhook receives for a page. Receivers depend on it: add fields, never rename. */
export interface PageWebhookBody {
  type: 'page';
  incident: { id: string; number: number; title: string; severity: Severity; service: string; url: string; drill: boolean };
  /** POST `{"token": ackToken}` here to acknowledge, as the ntfy button does. */
  acknowledgeUrl: string;
  ackToken: string;
  sentAt: string;
}

export function pageWebhookBody(message: PageMessage): PageWebhookBody {
  const { incidentId, number, title, severity, service, incidentUrl, drill, acknowledgeUrl, ackToken, sentAt } = message;
  return {
    type: 'page',
    incident: { id: incidentId, number, title, severity, service, url: incidentUrl, drill },
    acknowledgeUrl,
    ackToken,
    sentAt,
  };
}

/**
 * The signature scheme, as Stripe and Slack sign their webhooks:
 *   X-Muster-Timestamp: <unix seconds when sent>
 *   X-Muster-Signature: sha256=<hex HMAC-SHA256 with the secret over "<timestamp>.<raw body>">
 * The receiver recomputes it over the raw body bytes, compares in constant time, and refuses a timestamp more
 * than a few minutes from its clock. Signing the timestamp with the body keeps a captured request from being
 * replayed later with a fresh timestamp. Returns the header's value.
 */
export function signBody(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** The headers of every Muster webhook (contact and service event webhooks alike) for a JSON body. */
export function webhookHeaders(body: string, secret: string | null | undefined, now: Date): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    'Content-Type': 'application/json',
    'User-Agent': 'Muster',
    'X-Muster-Timestamp': String(timestamp),
    ...(secret && { 'X-Muster-Signature': signBody(secret, timestamp, body) }),
  };
}

/** `now` is when this attempt leaves: a retry is signed afresh, so it is not refused as a replay. */
export function pageWebhookRequest({ url, secret }: WebhookDestination, message: PageMessage, now: Date): ChannelRequest {
  const body = JSON.stringify(pageWebhookBody(message));
  return { url, headers: webhookHeaders(body, secret, now), body };
}

export function sendWebhook(http: ChannelHttp, destination: WebhookDestination, message: PageMessage, now = new Date()): Promise<ChannelOutcome> {
  return http.post('webhook', pageWebhookRequest(destination, message, now));
}
