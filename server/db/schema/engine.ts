import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { EscalationStep } from '../../../shared/api/paging';
import { users } from './accounts';
import { timestamp } from './columns';
import { incidents } from './incidents';
import { pushSubscriptions } from './paging';

/**
 * The paging engine's durable state: every future action is a row with a due time, so a
 * restart picks up exactly where the last process stopped.
 */
export const incidentEscalations = sqliteTable(
  'incident_escalations',
  {
    incidentId: text('incident_id').primaryKey().references(() => incidents.id, { onDelete: 'cascade' }),
    policyId: text('policy_id').notNull(),
    /** The policy as it was at trigger time, so editing a policy never reshuffles a page in flight. */
    steps: text('steps', { mode: 'json' }).$type<EscalationStep[]>().notNull(),
    repeat: integer('repeat').notNull(),
    step: integer('step').notNull(),
    loop: integer('loop').notNull(),
    state: text('state').$type<'active' | 'exhausted' | 'stopped'>().notNull(),
    nextStepDueAt: timestamp('next_step_due_at'),
  },
  (t) => [index('incident_escalations_due_idx').on(t.state, t.nextStepDueAt)],
);

/** One notification rule of one user at one escalation step: "push this user at due_at". */
export const pages = sqliteTable(
  'pages',
  {
    id: text('id').primaryKey(),
    incidentId: text('incident_id').notNull().references(() => incidents.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull().references(() => users.id),
    step: integer('step').notNull(),
    loop: integer('loop').notNull(),
    rule: integer('rule').notNull(),
    dueAt: timestamp('due_at').notNull(),
    state: text('state').$type<'pending' | 'done' | 'cancelled'>().notNull(),
  },
  (t) => [index('pages_due_idx').on(t.state, t.dueAt), index('pages_incident_idx').on(t.incidentId)],
);

/** The outbox: one push to one device. Delivery sends these outside any transaction. */
export const outgoingPushes = sqliteTable(
  'outgoing_pushes',
  {
    id: text('id').primaryKey(),
    pageId: text('page_id').references(() => pages.id, { onDelete: 'cascade' }),
    incidentId: text('incident_id').references(() => incidents.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull().references(() => users.id),
    subscriptionId: text('subscription_id').references(() => pushSubscriptions.id, { onDelete: 'set null' }),
    payload: text('payload').notNull(),
    urgency: text('urgency').$type<'high' | 'normal'>().notNull(),
    ttlSeconds: integer('ttl_seconds').notNull(),
    state: text('state').$type<'pending' | 'sending' | 'sent' | 'failed' | 'cancelled'>().notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at').notNull(),
    lastError: text('last_error'),
    createdAt: timestamp('created_at').notNull(),
    sentAt: timestamp('sent_at'),
  },
  (t) => [index('outgoing_pushes_due_idx').on(t.state, t.nextAttemptAt), index('outgoing_pushes_incident_idx').on(t.incidentId)],
);
