import { z } from 'zod';
import { serviceEventTypes, type ServiceEventType } from '../domain/service-events';
import type { IncidentStatus } from '../domain/lifecycle';
import type { Severity } from '../domain/severity';
import { singleLineText } from './text';

export type { ServiceEventType };

/** `POST /api/v1/services/:id/webhooks`. Without `events`, every event is sent. */
export const createServiceWebhookRequest = z.object({
  url: singleLineText().max(2048).pipe(z.url({ protocol: /^https?$/, message: 'must be an http or https URL' })),
  secret: singleLineText().min(1, 'must not be empty').max(256).optional(),
  events: z
    .array(z.enum(serviceEventTypes, { error: `must be one of ${serviceEventTypes.join(', ')}` }))
    .min(1, 'name at least one event, or leave events out for all of them')
    .optional(),
});
export type CreateServiceWebhookInput = z.infer<typeof createServiceWebhookRequest>;

/** One attempt to deliver one event, as the delivery log shows it. */
export interface WebhookAttempt {
  id: string;
  event: ServiceEventType;
  incidentId: string;
  attempt: number;
  outcome: 'delivered' | 'retryable' | 'rejected';
  /** The receiver's HTTP status; null when it never answered (timeout, refused connection). */
  status: number | null;
  error: string | null;
  durationMs: number;
  at: string;
}

/** A service's outgoing webhook. The secret is never sent back. */
export interface ServiceWebhook {
  id: string;
  serviceId: string;
  url: string;
  events: ServiceEventType[];
  signed: boolean;
  createdAt: string;
  /** The last 50 attempts, newest first. */
  attempts: WebhookAttempt[];
}

/**
 * The JSON body each event is POSTed as, signed like a contact-method webhook (X-Muster-Timestamp,
 * X-Muster-Signature: sha256=HMAC(secret, "<timestamp>.<body>")). `sequence` grows per incident: a receiver can
 * drop what it has already seen.
 */
export interface ServiceEventBody {
  id: string;
  event: ServiceEventType;
  sequence: number;
  occurredAt: string;
  incident: {
    id: string;
    number: number;
    title: string;
    severity: Severity;
    status: IncidentStatus;
    url: string;
    service: { id: string; name: string };
  };
  /** What happened: who acknowledged, the note's text, the step escalated to, the old and new severity. */
  data: Record<string, unknown>;
}
