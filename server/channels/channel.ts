import type { Severity } from '../../shared/domain/severity';

/** What every channel says about a page: enough for a subject line, a chat message or a webhook body. */
export interface PageMessage {
  incidentId: string;
  number: number;
  title: string;
  severity: Severity;
  service: string;
  drill: boolean;
  /** The incident in the app. */
  incidentUrl: string;
  /**
   * Acknowledges through the signed page token: a page to confirm on (email: mail scanners follow links), or the
   * endpoint an ntfy action button POSTs to.
   */
  acknowledgeUrl: string;
  /** The signed page token itself, for channels that POST it (ntfy's http action, webhooks). */
  ackToken: string;
  sentAt: string;
}

/**
 * What happened to one message, and so what the outbox does: `retryable` (5xx, 429, network error, timeout:
 * retry with backoff, honouring `retryAfterMs`), `rejected` (other 4xx, a refused URL: record it, never retry).
 */
export type ChannelOutcome =
  | { kind: 'delivered'; status?: number }
  | { kind: 'retryable'; status?: number; retryAfterMs?: number; error: string }
  | { kind: 'rejected'; status?: number; error: string };
