import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../client';
import { pushSubscriptions } from '../schema/index';

export type SubscriptionRow = typeof pushSubscriptions.$inferSelect;

/** Registers a device, or moves an existing endpoint to the caller (a phone changing hands). */
export function upsertSubscription(
  tx: Tx,
  values: { userId: string; endpoint: string; p256dh: string; auth: string; label: string | null },
  now: Date,
): SubscriptionRow {
  return tx
    .insert(pushSubscriptions)
    .values({ id: crypto.randomUUID(), ...values, createdAt: now })
    .onConflictDoUpdate({
      target: pushSubscriptions.endpoint,
      set: { userId: values.userId, p256dh: values.p256dh, auth: values.auth, label: values.label },
    })
    .returning()
    .get();
}

export function subscriptionsOf(tx: Tx, userId: string): SubscriptionRow[] {
  return tx.select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, userId)).orderBy(asc(pushSubscriptions.createdAt)).all();
}

export function subscriptionsOfUsers(tx: Tx, userIds: string[]): SubscriptionRow[] {
  if (userIds.length === 0) return [];
  return tx.select().from(pushSubscriptions).where(inArray(pushSubscriptions.userId, userIds)).all();
}

export function deleteSubscription(tx: Tx, id: string, userId?: string): boolean {
  const condition = userId ? and(eq(pushSubscriptions.id, id), eq(pushSubscriptions.userId, userId)) : eq(pushSubscriptions.id, id);
  return tx.delete(pushSubscriptions).where(condition).run().changes > 0;
}

export function markSubscriptionResult(tx: Tx, id: string, ok: boolean, now: Date): void {
  tx.update(pushSubscriptions)
    .set(ok ? { lastSuccessAt: now } : { lastFailureAt: now })
    .where(eq(pushSubscriptions.id, id))
    .run();
}
