import type { ServiceEventType, WebhookAttempt } from '../../../shared/api/service-webhooks';
import { serviceEventTypes } from '../../../shared/domain/service-events';

export const eventLabels: Record<ServiceEventType, string> = {
  'incident.triggered': 'Triggered',
  'incident.acknowledged': 'Acknowledged',
  'incident.escalated': 'Escalated',
  'incident.resolved': 'Resolved',
  'incident.note_added': 'Note added',
  'incident.severity_changed': 'Severity changed',
};

/** "All events", or the chosen ones in the list's order: "Triggered, Resolved". */
export function eventsWording(events: readonly ServiceEventType[]): string {
  if (serviceEventTypes.every((type) => events.includes(type))) return 'All events';
  return serviceEventTypes.filter((type) => events.includes(type)).map((type) => eventLabels[type]).join(', ');
}

export interface AttemptWording {
  /** The word that says it, so colour is never the only cue. */
  label: string;
  tone: 'ok' | 'failed';
  /** "HTTP 503 · 1.2 s", "no answer · 10 s". */
  detail: string;
}

const outcomeLabels: Record<WebhookAttempt['outcome'], string> = {
  delivered: 'Delivered',
  // 5xx, 429, timeouts and refused connections are tried again with backoff, until delivery gives up.
  retryable: 'Failed',
  // Any other 4xx, a redirect, a URL now refused: sending the same again would not help.
  rejected: 'Refused, not retried',
};

const duration = (ms: number) => (ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`);

export function attemptWording(attempt: Pick<WebhookAttempt, 'outcome' | 'status' | 'durationMs'>): AttemptWording {
  return {
    label: outcomeLabels[attempt.outcome],
    tone: attempt.outcome === 'delivered' ? 'ok' : 'failed',
    detail: `${attempt.status === null ? 'no answer' : `HTTP ${attempt.status}`} · ${duration(attempt.durationMs)}`,
  };
}
