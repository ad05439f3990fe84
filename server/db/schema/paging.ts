import type { EscalationStep, NotificationRule } from '../../../shared/api/paging';
import type { RotationLayer } from '../../../shared/domain/rotation';
import type { Columns } from './columns';
import type { accountTables } from './accounts';

export function pagingTables(c: Columns, { users }: ReturnType<typeof accountTables>) {
  /** Steps are kept as one JSON document: a policy is always read and replaced whole. */
  const escalationPolicies = c.table('escalation_policies', {
    id: c.text('id').primaryKey(),
    name: c.text('name').notNull(),
    description: c.text('description'),
    repeat: c.integer('repeat').notNull(),
    steps: c.json('steps').$type<EscalationStep[]>().notNull(),
    createdAt: c.timestamp('created_at').notNull(),
  });

  const schedules = c.table('schedules', {
    id: c.text('id').primaryKey(),
    name: c.text('name').notNull(),
    description: c.text('description'),
    timeZone: c.text('time_zone').notNull(),
    layers: c.json('layers').$type<Array<RotationLayer & { name?: string }>>().notNull(),
    createdAt: c.timestamp('created_at').notNull(),
  });

  const scheduleOverrides = c.table(
    'schedule_overrides',
    {
      id: c.text('id').primaryKey(),
      scheduleId: c.text('schedule_id').notNull().references(() => schedules.id, { onDelete: 'cascade' }),
      userId: c.text('user_id').notNull().references(() => users.id),
      startsAt: c.timestamp('starts_at').notNull(),
      endsAt: c.timestamp('ends_at').notNull(),
      createdAt: c.timestamp('created_at').notNull(),
    },
    (t) => [c.index('schedule_overrides_schedule_idx').on(t.scheduleId, t.endsAt)],
  );

  const notificationRules = c.table('notification_rules', {
    userId: c.text('user_id').primaryKey().references(() => users.id, { onDelete: 'cascade' }),
    rules: c.json('rules').$type<NotificationRule[]>().notNull(),
  });

  const pushSubscriptions = c.table(
    'push_subscriptions',
    {
      id: c.text('id').primaryKey(),
      userId: c.text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
      endpoint: c.text('endpoint').notNull().unique(),
      p256dh: c.text('p256dh').notNull(),
      auth: c.text('auth').notNull(),
      label: c.text('label'),
      createdAt: c.timestamp('created_at').notNull(),
      lastSuccessAt: c.timestamp('last_success_at'),
      lastFailureAt: c.timestamp('last_failure_at'),
    },
    (t) => [c.index('push_subscriptions_user_idx').on(t.userId)],
  );

  return { escalationPolicies, schedules, scheduleOverrides, notificationRules, pushSubscriptions };
}
