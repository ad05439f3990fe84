import { inArray } from 'drizzle-orm';
import type { EscalationStep } from '../../shared/api/paging';
import type { Tx } from '../db/client';
import { users } from '../db/schema/index';
import { onCallUserIds } from '../db/stores/schedules';

export interface PagedUser {
  id: string;
  name: string;
}

/**
 * The active users a step pages right now: named users, plus whoever each schedule says is
 * on call at `now`. Each user once, in target order.
 */
export function resolveStepTargets(tx: Tx, targets: EscalationStep['targets'], now: Date): PagedUser[] {
  const ids = targets.flatMap((target) => (target.type === 'user' ? [target.id] : onCallUserIds(tx, target.id, now)));
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const found = tx.select({ id: users.id, name: users.name, active: users.active }).from(users).where(inArray(users.id, unique)).all();
  const byId = new Map(found.filter((user) => user.active).map((user) => [user.id, { id: user.id, name: user.name }]));
  return unique.flatMap((id) => byId.get(id) ?? []);
}
