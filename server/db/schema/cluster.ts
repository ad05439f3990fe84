import type { Columns } from './columns';

/** What every Muster instance on one database must agree on. */
export function clusterTables(c: Columns) {
  /** Numbers handed out once across all instances (`UPDATE … SET value = value + 1 RETURNING value`). */
  const counters = c.table('counters', {
    name: c.text('name').primaryKey(),
    value: c.integer('value').notNull(),
  });

  /**
   * Keys all instances sign and encrypt with: the VAPID key pair (a phone subscribed through one instance is
   * paged by another) and the page-token secret (an Acknowledge signed by one is accepted by another).
   */
  const sharedKeys = c.table('shared_keys', {
    name: c.text('name').primaryKey(),
    value: c.text('value').notNull(),
    createdAt: c.timestamp('created_at').notNull(),
  });

  return { counters, sharedKeys };
}
