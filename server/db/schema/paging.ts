import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { EscalationStep, NotificationRule } from '../../../shared/api/paging';
import type { RotationLayer } from '../../../shared/domain/rotation';
import { users } from './accounts';
import { timestamp } from './columns';

/** Steps are kept as one JSON document: a policy is always read and replaced whole. */
export const escalationPolicies = sqliteTable('escalation_policies', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  description: text('description'),
  repeat: integer('repeat').notNull(),
  steps: text('steps', { mode: 'json' }).$type<EscalationStep[]>().notNull(),
  createdAt: timestamp('created_at').notNull(),
});

export const schedules = sqliteTable('schedules', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  description: text('description'),
  timeZone: text('time_zone').notNull(),
  layers: text('layers', { mode: 'json' }).$type<Array<RotationLayer & { name?: string }>>().notNull(),
  createdAt: timestamp('created_at').notNull(),
});

export const scheduleOverrides = sqliteTable(
  'schedule_overrides',
  {
    id: text('id').primaryKey(),
    scheduleId: text('schedule_id').notNull().references(() => schedules.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull().references(() => users.id),
    startsAt: timestamp('starts_at').notNull(),
    endsAt: timestamp('ends_at').notNull(),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [index('schedule_overrides_schedule_idx').on(t.scheduleId, t.endsAt)],
);

export const notificationRules = sqliteTable('notification_rules', {
  userId: text('user_id').primaryKey().references(() => users.id, { onDelete: 'cascade' }),
  rules: text('rules', { mode: 'json' }).$type<NotificationRule[]>().notNull(),
});

export const pushSubscriptions = sqliteTable(
  'push_subscriptions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    endpoint: text('endpoint').notNull().unique(),
    p256dh: text('p256dh').notNull(),
    auth: text('auth').notNull(),
    label: text('label'),
    createdAt: timestamp('created_at').notNull(),
    lastSuccessAt: timestamp('last_success_at'),
    lastFailureAt: timestamp('last_failure_at'),
  },
  (t) => [index('push_subscriptions_user_idx').on(t.userId)],
);
