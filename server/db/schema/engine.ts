import type { EscalationStep, NotificationMethod } from '../../../shared/api/paging';
import type { Columns } from './columns';
import type { accountTables } from './accounts';
import type { contactMethodTables } from './contact-methods';
import type { incidentTables } from './incidents';
import type { pagingTables } from './paging';
import type { serviceWebhookTables } from './service-webhooks';

/**
 * What every outbox row carries: where it is in its life, its attempts, and the lease of the instance sending it
 * (`claimedBy` until `leaseUntil`).
 */
function outboxColumns(c: Columns) {
  return {
    state: c.text('state').$type<'pending' | 'sending' | 'sent' | 'failed' | 'cancelled'>().notNull(),
    attempts: c.integer('attempts').notNull().default(0),
    nextAttemptAt: c.timestamp('next_attempt_at').notNull(),
    lastError: c.text('last_error'),
    createdAt: c.timestamp('created_at').notNull(),
    sentAt: c.timestamp('sent_at'),
    claimedBy: c.text('claimed_by'),
    leaseUntil: c.timestamp('lease_until'),
  };
}

/**
 * The paging engine's durable state: every future action is a row with a due time, so a
 * restart (or another instance) picks up exactly where the last process stopped.
 */
export function engineTables(
  c: Columns,
  { users }: ReturnType<typeof accountTables>,
  { incidents }: ReturnType<typeof incidentTables>,
  { pushSubscriptions }: ReturnType<typeof pagingTables>,
  { contactMethods }: ReturnType<typeof contactMethodTables>,
  { serviceWebhooks }: ReturnType<typeof serviceWebhookTables>,
) {
  const incidentEscalations = c.table(
    'incident_escalations',
    {
      incidentId: c.text('incident_id').primaryKey().references(() => incidents.id, { onDelete: 'cascade' }),
      policyId: c.text('policy_id').notNull(),
      /** The policy as it was at trigger time, so editing a policy never reshuffles a page in flight. */
      steps: c.json('steps').$type<EscalationStep[]>().notNull(),
      repeat: c.integer('repeat').notNull(),
      step: c.integer('step').notNull(),
      loop: c.integer('loop').notNull(),
      state: c.text('state').$type<'active' | 'exhausted' | 'stopped'>().notNull(),
      nextStepDueAt: c.timestamp('next_step_due_at'),
    },
    (t) => [c.index('incident_escalations_due_idx').on(t.state, t.nextStepDueAt)],
  );

  /** One notification rule of one user at one escalation step: "push this user at due_at", "email them at due_at". */
  const pages = c.table(
    'pages',
    {
      id: c.text('id').primaryKey(),
      incidentId: c.text('incident_id').notNull().references(() => incidents.id, { onDelete: 'cascade' }),
      userId: c.text('user_id').notNull().references(() => users.id),
      step: c.integer('step').notNull(),
      loop: c.integer('loop').notNull(),
      rule: c.integer('rule').notNull(),
      /** The rule's channel, copied when the step starts, like the delay: editing rules never reshuffles a page in flight. */
      method: c.text('method').$type<NotificationMethod>().notNull().default('push'),
      contactMethodId: c.text('contact_method_id').references(() => contactMethods.id, { onDelete: 'set null' }),
      dueAt: c.timestamp('due_at').notNull(),
      state: c.text('state').$type<'pending' | 'done' | 'cancelled'>().notNull(),
    },
    (t) => [c.index('pages_due_idx').on(t.state, t.dueAt), c.index('pages_incident_idx').on(t.incidentId)],
  );

  /**
   * The outbox: one push to one device. Delivery sends these outside any transaction. A push being sent is
   * leased to the instance sending it (`claimedBy` until `leaseUntil`); once a lease has run out, its instance
   * is presumed dead and any instance may send the push again.
   */
  const outgoingPushes = c.table(
    'outgoing_pushes',
    {
      id: c.text('id').primaryKey(),
      pageId: c.text('page_id').references(() => pages.id, { onDelete: 'cascade' }),
      incidentId: c.text('incident_id').references(() => incidents.id, { onDelete: 'cascade' }),
      userId: c.text('user_id').notNull().references(() => users.id),
      subscriptionId: c.text('subscription_id').references(() => pushSubscriptions.id, { onDelete: 'set null' }),
      /** The page to send, without its acknowledge token: that is signed as the push leaves. */
      payload: c.text('payload').notNull(),
      urgency: c.text('urgency').$type<'high' | 'normal'>().notNull(),
      ttlSeconds: c.integer('ttl_seconds').notNull(),
      ...outboxColumns(c),
    },
    (t) => [c.index('outgoing_pushes_due_idx').on(t.state, t.nextAttemptAt), c.index('outgoing_pushes_incident_idx').on(t.incidentId)],
  );

  /**
   * The outbox for everything that is not a push, leased like pushes: a page to a contact method (`kind` page:
   * email, ntfy, webhook, Slack-compatible), and a service's incident events to its outgoing webhooks (`kind`
   * event), sent in timeline order per incident and webhook (`seq` is the timeline event's).
   */
  const outgoingMessages = c.table(
    'outgoing_messages',
    {
      id: c.text('id').primaryKey(),
      kind: c.text('kind').$type<'page' | 'event' | 'notice'>().notNull(),
      incidentId: c.text('incident_id').notNull().references(() => incidents.id, { onDelete: 'cascade' }),
      pageId: c.text('page_id').references(() => pages.id, { onDelete: 'cascade' }),
      userId: c.text('user_id').references(() => users.id),
      contactMethodId: c.text('contact_method_id').references(() => contactMethods.id, { onDelete: 'set null' }),
      webhookId: c.text('webhook_id').references(() => serviceWebhooks.id, { onDelete: 'cascade' }),
      seq: c.integer('seq'),
      /** What to send, without any acknowledge token: that is signed as the message leaves. */
      payload: c.text('payload').notNull(),
      ...outboxColumns(c),
    },
    (t) => [
      c.index('outgoing_messages_due_idx').on(t.state, t.nextAttemptAt),
      c.index('outgoing_messages_incident_idx').on(t.incidentId),
      c.index('outgoing_messages_page_idx').on(t.pageId),
      c.index('outgoing_messages_webhook_idx').on(t.webhookId, t.incidentId, t.seq),
    ],
  );

  return { incidentEscalations, pages, outgoingPushes, outgoingMessages };
}
