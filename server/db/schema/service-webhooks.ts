import type { ServiceEventType } from '../../../shared/api/service-webhooks';
import type { Columns } from './columns';
import type { serviceTables } from './services';

/** A service's outgoing webhooks for incident events (chat-ops, automation), and the log of what each met. */
export function serviceWebhookTables(c: Columns, { services }: ReturnType<typeof serviceTables>) {
  const serviceWebhooks = c.table(
    'service_webhooks',
    {
      id: c.text('id').primaryKey(),
      serviceId: c.text('service_id').notNull().references(() => services.id, { onDelete: 'cascade' }),
      url: c.text('url').notNull(),
      /** Signs each body (HMAC-SHA256); never sent back. */
      secret: c.text('secret'),
      events: c.json('events').$type<ServiceEventType[]>().notNull(),
      createdAt: c.timestamp('created_at').notNull(),
    },
    (t) => [c.index('service_webhooks_service_idx').on(t.serviceId)],
  );

  /** One row per attempt, newest kept: the delivery log the app shows (the last 50 per webhook). */
  const webhookAttempts = c.table(
    'webhook_attempts',
    {
      id: c.text('id').primaryKey(),
      webhookId: c.text('webhook_id').notNull().references(() => serviceWebhooks.id, { onDelete: 'cascade' }),
      messageId: c.text('message_id').notNull(),
      incidentId: c.text('incident_id').notNull(),
      event: c.text('event').$type<ServiceEventType>().notNull(),
      attempt: c.integer('attempt').notNull(),
      outcome: c.text('outcome').$type<'delivered' | 'retryable' | 'rejected'>().notNull(),
      status: c.integer('status'),
      error: c.text('error'),
      durationMs: c.integer('duration_ms').notNull(),
      at: c.timestamp('at').notNull(),
    },
    (t) => [c.index('webhook_attempts_webhook_idx').on(t.webhookId, t.at)],
  );

  return { serviceWebhooks, webhookAttempts };
}
