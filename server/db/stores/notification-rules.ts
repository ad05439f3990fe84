import { eq, inArray } from 'drizzle-orm';
import { defaultNotificationRules, type NotificationRule } from '../../../shared/api/paging';
import type { Tx } from '../client';
import { notificationRules } from '../schema/index';

export function rulesOf(tx: Tx, userId: string): NotificationRule[] {
  return tx.select().from(notificationRules).where(eq(notificationRules.userId, userId)).get()?.rules ?? defaultNotificationRules;
}

/** Rules for many users in one query; users who never set any get the defaults. */
export function rulesOfUsers(tx: Tx, userIds: string[]): Map<string, NotificationRule[]> {
  const stored = userIds.length
    ? tx.select().from(notificationRules).where(inArray(notificationRules.userId, userIds)).all()
    : [];
  const byUser = new Map(stored.map((row) => [row.userId, row.rules]));
  return new Map(userIds.map((id) => [id, byUser.get(id) ?? defaultNotificationRules]));
}

export function replaceRules(tx: Tx, userId: string, rules: NotificationRule[]): NotificationRule[] {
  const sorted = [...rules].sort((a, b) => a.delaySeconds - b.delaySeconds);
  tx.insert(notificationRules)
    .values({ userId, rules: sorted })
    .onConflictDoUpdate({ target: notificationRules.userId, set: { rules: sorted } })
    .run();
  return sorted;
}
