import type { LockConfig } from 'drizzle-orm/pg-core';
import type { Tx } from './client';

/**
 * Locks the rows a select reads until the transaction ends (`FOR UPDATE`), so that no other instance changes
 * or takes them meanwhile; `skipLocked` passes over rows another instance holds instead of waiting (claiming
 * due work). Only PostgreSQL needs it: a SQLite transaction already holds the database's one write lock.
 */
export function forUpdate<Q>(tx: Tx, query: Q, options: LockConfig = {}): Q {
  if (tx.backend !== 'postgres') return query;
  return (query as unknown as { for(strength: 'update', config: LockConfig): Q }).for('update', options);
}
