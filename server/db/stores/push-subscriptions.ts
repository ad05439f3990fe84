import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../client';
import type { SubscriptionRow } from '../schema/index';

export type { SubscriptionRow };

/**
 * Registers a device, or moves an existing endpoint to the caller (a phone changing hands). One upsert on the
 * unique endpoint, so two instances registering the same endpoint at once cannot both insert it.
 */
export async function upsertSubscription(
  tx: Tx,
  values: { userId: string; endpoint: string; p256dh: string; auth: string; label: string | null },
  now: Date,
): Promise<SubscriptionRow> {
  const { pushSubscriptions } = tx.t;
  const [row] = await tx
    .insert(pushSubscriptions)
    .values({ id: crypto.randomUUID(), ...values, createdAt: now })
    .onConflictDoUpdate({
      target: pushSubscriptions.endpoint,
      set: { userId: values.userId, p256dh: values.p256dh, auth: values.auth, label: values.label },
    })
    .returning();
  return row;
}

export async function subscriptionsOf(tx: Tx, userId: string): Promise<SubscriptionRow[]> {
  const { pushSubscriptions } = tx.t;
  return tx.select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, userId)).orderBy(asc(pushSubscriptions.createdAt));
}

export async function subscriptionsOfUsers(tx: Tx, userIds: string[]): Promise<SubscriptionRow[]> {
  if (userIds.length === 0) return [];
  const { pushSubscriptions } = tx.t;
  return tx.select().from(pushSubscriptions).where(inArray(pushSubscriptions.userId, userIds));
}

export async function deleteSubscription(tx: Tx, id: string, userId?: string): Promise<boolean> {
  const { pushSubscriptions } = tx.t;
  const condition = userId ? and(eq(pushSubscriptions.id, id), eq(pushSubscriptions.userId, userId)) : eq(pushSubscriptions.id, id);
  const deleted = await tx.delete(pushSubscriptions).where(condition).returning({ id: pushSubscriptions.id });
  return deleted.length > 0;
}

export async function markSubscriptionResult(tx: Tx, id: string, ok: boolean, now: Date): Promise<void> {
  const { pushSubscriptions } = tx.t;
  await tx
    .update(pushSubscriptions)
    .set(ok ? { lastSuccessAt: now } : { lastFailureAt: now })
    .where(eq(pushSubscriptions.id, id));
}
