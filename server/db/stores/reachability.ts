import { and, asc, eq, ne, notExists } from 'drizzle-orm';
import type { Tx } from '../client';

/**
 * Active responders and admins with no device to push a page to: a step naming them, or a shift of theirs,
 * reaches nobody. Viewers are never paged, so they are not counted.
 */
export async function unreachableUsers(tx: Tx): Promise<Array<{ id: string; name: string }>> {
  const { users, pushSubscriptions } = tx.t;
  const device = tx.select({ id: pushSubscriptions.id }).from(pushSubscriptions).where(eq(pushSubscriptions.userId, users.id));
  return tx
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.active, true), ne(users.role, 'viewer'), notExists(device)))
    .orderBy(asc(users.name));
}
