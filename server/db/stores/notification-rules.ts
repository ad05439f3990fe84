import { eq, inArray } from 'drizzle-orm';
import { defaultNotificationRules, type NotificationRule } from '../../../shared/api/paging';
import type { Tx } from '../client';

export async function rulesOf(tx: Tx, userId: string): Promise<NotificationRule[]> {
  const { notificationRules } = tx.t;
  const [row] = await tx.select().from(notificationRules).where(eq(notificationRules.userId, userId)).limit(1);
  return row?.rules ?? defaultNotificationRules;
}

/** Rules for many users in one query; users who never set any get the defaults. */
export async function rulesOfUsers(tx: Tx, userIds: string[]): Promise<Map<string, NotificationRule[]>> {
  const { notificationRules } = tx.t;
  const stored = userIds.length ? await tx.select().from(notificationRules).where(inArray(notificationRules.userId, userIds)) : [];
  const byUser = new Map(stored.map((row) => [row.userId, row.rules]));
  return new Map(userIds.map((id) => [id, byUser.get(id) ?? defaultNotificationRules]));
}

/** One row per user, written by a single upsert: atomic on its own, and race-free on PostgreSQL. */
export async function replaceRules(tx: Tx, userId: string, rules: NotificationRule[]): Promise<NotificationRule[]> {
  const { notificationRules } = tx.t;
  const sorted = [...rules].sort((a, b) => a.delaySeconds - b.delaySeconds);
  await tx
    .insert(notificationRules)
    .values({ userId, rules: sorted })
    .onConflictDoUpdate({ target: notificationRules.userId, set: { rules: sorted } });
  return sorted;
}
