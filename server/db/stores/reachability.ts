import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import type { NotificationRule } from '../../../shared/api/paging';
import type { Tx } from '../client';
import { failingAfterConsecutiveFailures } from './contact-methods';
import { rulesOfUsers } from './notification-rules';

// The one place that says what makes someone reachable by a page. Both the engine's "does this step reach anyone"
// and the lists of people who cannot be paged read it from here.

/** How a page can reach one user, and if it cannot, why not in a few words ("no device, no contact method"). */
export interface Reachability {
  reachable: boolean;
  why: string | null;
}

/**
 * A user is reachable when one of their rules leads somewhere: a push rule and a registered device, or a contact
 * rule naming a verified method that is not failing. A failing method is still sent to (it may have recovered),
 * but nobody should count on it.
 */
export function judgeReachability(rules: NotificationRule[], devices: number, usable: ReadonlySet<string>, known: ReadonlySet<string>): Reachability {
  const pushes = rules.some((rule) => rule.method === 'push');
  const contactRules = rules.filter((rule) => rule.method === 'contact');
  if ((pushes && devices > 0) || contactRules.some((rule) => usable.has(rule.contactMethodId!))) return { reachable: true, why: null };
  const pushWhy = pushes ? 'no device' : devices > 0 ? 'no push rule' : 'no device';
  const contactWhy = contactRules.some((rule) => known.has(rule.contactMethodId!)) ? 'contact methods failing' : 'no contact method';
  return { reachable: false, why: `${pushWhy}, ${contactWhy}` };
}

/** Reachability of many users in three queries, whatever their number; two when their rules are at hand. */
export async function reachabilityOf(tx: Tx, userIds: string[], knownRules?: Map<string, NotificationRule[]>): Promise<Map<string, Reachability>> {
  if (userIds.length === 0) return new Map();
  const { pushSubscriptions, contactMethods } = tx.t;
  const rules = knownRules ?? (await rulesOfUsers(tx, userIds));
  const deviceRows = await tx.select({ userId: pushSubscriptions.userId }).from(pushSubscriptions).where(inArray(pushSubscriptions.userId, userIds));
  const methods = await tx
    .select({ id: contactMethods.id, verified: contactMethods.verified, failures: contactMethods.consecutiveFailures })
    .from(contactMethods)
    .where(inArray(contactMethods.userId, userIds));
  const devices = new Map<string, number>();
  for (const { userId } of deviceRows) devices.set(userId, (devices.get(userId) ?? 0) + 1);
  const usable = new Set(methods.filter((m) => m.verified && m.failures < failingAfterConsecutiveFailures).map((m) => m.id));
  const known = new Set(methods.filter((m) => m.verified).map((m) => m.id));
  return new Map(userIds.map((id) => [id, judgeReachability(rules.get(id)!, devices.get(id) ?? 0, usable, known)]));
}

/**
 * Active responders and admins a page cannot reach: a step naming them, or a shift of theirs, reaches nobody.
 * Viewers are never paged, so they are not counted.
 */
export async function unreachableUsers(tx: Tx): Promise<Array<{ id: string; name: string; why: string }>> {
  const { users } = tx.t;
  const candidates = await tx
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.active, true), ne(users.role, 'viewer')))
    .orderBy(asc(users.name));
  const reach = await reachabilityOf(tx, candidates.map((user) => user.id));
  return candidates.flatMap((user) => {
    const { reachable, why } = reach.get(user.id)!;
    return reachable ? [] : [{ ...user, why: why! }];
  });
}
