import type { Columns } from './columns';
import type { accountTables } from './accounts';

export function idempotencyTables(c: Columns, { users }: ReturnType<typeof accountTables>) {
  /**
   * One row per (user, Idempotency-Key). `status` is null while the first request is
   * still running; afterwards it holds the response a replay gets back.
   */
  const idempotencyKeys = c.table(
    'idempotency_keys',
    {
      userId: c.text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
      key: c.text('key').notNull(),
      requestHash: c.text('request_hash').notNull(),
      status: c.integer('status'),
      body: c.text('body'),
      createdAt: c.timestamp('created_at').notNull(),
    },
    (t) => [c.primaryKey({ columns: [t.userId, t.key] })],
  );
  return { idempotencyKeys };
}
