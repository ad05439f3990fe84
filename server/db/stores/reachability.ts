import { and, asc, eq, inArray, ne, notExists } from 'drizzle-orm';
import type { Tx } from '../client';

// The one place that says what makes someone reachable by a page: today a registered device. Both the engine's
// "does this step reach anyone" and the list of people who cannot be paged read it from here.

/** Which of these users have a device pushes can go to: the others cannot be paged. */
export async function usersWithDevices(tx: Tx, userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const { pushSubscriptions } = tx.t;
  const rows = await tx.selectDistinct({ userId: pushSubscriptions.userId }).from(pushSubscriptions).where(inArray(pushSubscriptions.userId, userIds));
  return new Set(rows.map((row) => row.userId));
}

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
