import { and, count, eq, isNotNull, isNull } from 'drizzle-orm';
import type { SetupProgress } from '../../../shared/api/setup-progress';
import type { Tx } from '../client';
import { unreachableUsers } from './reachability';

const exists = async (query: Promise<unknown[]>) => (await query).length > 0;

export async function setupProgress(tx: Tx, userId: string): Promise<SetupProgress> {
  const { services, users, schedules, escalationPolicies, alerts, heartbeats, pushSubscriptions } = tx.t;
  const live = isNull(services.archivedAt);
  const [[servicesRow], [pagingRow], [usersRow], [schedulesRow], [policiesRow]] = await Promise.all([
    tx.select({ n: count() }).from(services).where(live),
    tx.select({ n: count() }).from(services).where(and(live, isNotNull(services.escalationPolicyId))),
    tx.select({ n: count() }).from(users).where(eq(users.active, true)),
    tx.select({ n: count() }).from(schedules),
    tx.select({ n: count() }).from(escalationPolicies),
  ]);
  const monitoringConnected =
    (await exists(tx.select({ id: alerts.id }).from(alerts).limit(1))) ||
    (await exists(tx.select({ id: heartbeats.id }).from(heartbeats).where(isNotNull(heartbeats.lastPingAt)).limit(1)));
  const pageDelivered = await exists(
    tx.select({ id: pushSubscriptions.id }).from(pushSubscriptions).where(and(eq(pushSubscriptions.userId, userId), isNotNull(pushSubscriptions.lastSuccessAt))).limit(1),
  );
  return {
    unreachableUsers: (await unreachableUsers(tx)).length,
    services: servicesRow.n,
    pagingServices: pagingRow.n,
    activeUsers: usersRow.n,
    schedules: schedulesRow.n,
    policies: policiesRow.n,
    monitoringConnected,
    pageDelivered,
  };
}
