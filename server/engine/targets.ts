import { inArray } from 'drizzle-orm';
import type { EscalationStep, NotificationRule } from '../../shared/api/paging';
import type { Tx } from '../db/client';
import { users } from '../db/schema/index';
import { rulesOfUsers } from '../db/stores/notification-rules';
import { onCallAnswer } from '../db/stores/schedules';

export interface PagedUser {
  id: string;
  name: string;
  rules: NotificationRule[];
}

/**
 * Resolves step targets to the active users to page, with their notification rules. One
 * resolver serves one engine run: under an alert storm many incidents page the same
 * schedule, so each schedule's answer is reused until its next change and each user is
 * looked up once.
 */
export function targetResolver(tx: Tx) {
  const schedules = new Map<string, { userIds: string[]; validUntil: number }>();
  const known = new Map<string, PagedUser | null>();

  function onCall(scheduleId: string, now: Date): string[] {
    const cached = schedules.get(scheduleId);
    if (cached && now.getTime() < cached.validUntil) return cached.userIds;
    const answer = onCallAnswer(tx, scheduleId, now);
    schedules.set(scheduleId, answer);
    return answer.userIds;
  }

  function lookUp(ids: string[]): void {
    const missing = ids.filter((id) => !known.has(id));
    if (missing.length === 0) return;
    const rules = rulesOfUsers(tx, missing);
    const found = tx.select({ id: users.id, name: users.name, active: users.active }).from(users).where(inArray(users.id, missing)).all();
    for (const id of missing) known.set(id, null);
    for (const user of found) if (user.active) known.set(user.id, { id: user.id, name: user.name, rules: rules.get(user.id)! });
  }

  /** Named users plus whoever each schedule puts on call at `now`; each user once, in target order. */
  return (targets: EscalationStep['targets'], now: Date): PagedUser[] => {
    const ids = [...new Set(targets.flatMap((target) => (target.type === 'user' ? [target.id] : onCall(target.id, now))))];
    lookUp(ids);
    return ids.flatMap((id) => known.get(id) ?? []);
  };
}

export type TargetResolver = ReturnType<typeof targetResolver>;
