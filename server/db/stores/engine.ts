import { and, asc, eq, inArray, isNotNull, lte, min } from 'drizzle-orm';
import type { Tx } from '../client';
import type { EscalationStatus } from '../../../shared/api/incidents';
import { escalationPolicies, incidentEscalations, incidents, outgoingPushes, pages, pushSubscriptions, services, users } from '../schema/index';
import type { SubscriptionRow } from './push-subscriptions';

export type EscalationRow = typeof incidentEscalations.$inferSelect;
export type PageRow = typeof pages.$inferSelect;
export type OutgoingPushRow = typeof outgoingPushes.$inferSelect;

export function insertEscalation(tx: Tx, row: EscalationRow): void {
  tx.insert(incidentEscalations).values(row).onConflictDoNothing().run();
}

export function findEscalation(tx: Tx, incidentId: string): EscalationRow | undefined {
  return tx.select().from(incidentEscalations).where(eq(incidentEscalations.incidentId, incidentId)).get();
}

/** The escalation of an incident as the app shows it, with the users its current step paged. */
export function escalationStatus(tx: Tx, incidentId: string): EscalationStatus | null {
  const row = tx
    .select({ escalation: incidentEscalations, policyName: escalationPolicies.name })
    .from(incidentEscalations)
    .leftJoin(escalationPolicies, eq(escalationPolicies.id, incidentEscalations.policyId))
    .where(eq(incidentEscalations.incidentId, incidentId))
    .get();
  if (!row) return null;
  const { escalation } = row;
  const paged = tx
    .selectDistinct({ id: users.id, name: users.name })
    .from(pages)
    .innerJoin(users, eq(users.id, pages.userId))
    .where(and(eq(pages.incidentId, incidentId), eq(pages.step, escalation.step), eq(pages.loop, escalation.loop)))
    .orderBy(asc(users.name))
    .all();
  return {
    policyId: escalation.policyId,
    policyName: row.policyName,
    step: escalation.step + 1,
    of: escalation.steps.length,
    loop: escalation.loop,
    state: escalation.state,
    nextStepAt: escalation.nextStepDueAt?.toISOString() ?? null,
    paged,
  };
}

export function dueEscalations(tx: Tx, now: Date, limit: number): EscalationRow[] {
  return tx
    .select()
    .from(incidentEscalations)
    .where(and(eq(incidentEscalations.state, 'active'), lte(incidentEscalations.nextStepDueAt, now)))
    .orderBy(asc(incidentEscalations.nextStepDueAt))
    .limit(limit)
    .all();
}

/** What a page needs to know about its incident, for a whole batch of incidents in one query. */
export function pagingContexts(tx: Tx, incidentIds: string[]) {
  const rows = tx
    .select({
      id: incidents.id,
      number: incidents.number,
      title: incidents.title,
      severity: incidents.severity,
      status: incidents.status,
      serviceName: services.name,
      nextStepDueAt: incidentEscalations.nextStepDueAt,
    })
    .from(incidents)
    .innerJoin(services, eq(services.id, incidents.serviceId))
    .leftJoin(incidentEscalations, eq(incidentEscalations.incidentId, incidents.id))
    .where(inArray(incidents.id, incidentIds))
    .all();
  return new Map(rows.map((row) => [row.id, row]));
}

export function duePages(tx: Tx, now: Date, limit: number): PageRow[] {
  return tx
    .select()
    .from(pages)
    .where(and(eq(pages.state, 'pending'), lte(pages.dueAt, now)))
    .orderBy(asc(pages.dueAt))
    .limit(limit)
    .all();
}

export function markPagesDone(tx: Tx, ids: string[]): void {
  if (ids.length > 0) tx.update(pages).set({ state: 'done' }).where(inArray(pages.id, ids)).run();
}

/** Stops every future page for an incident: its escalation, pending re-pages and unsent pushes. */
export function stopPaging(tx: Tx, incidentId: string): void {
  tx.update(incidentEscalations)
    .set({ state: 'stopped', nextStepDueAt: null })
    .where(and(eq(incidentEscalations.incidentId, incidentId), eq(incidentEscalations.state, 'active')))
    .run();
  tx.update(pages).set({ state: 'cancelled' }).where(and(eq(pages.incidentId, incidentId), eq(pages.state, 'pending'))).run();
  tx.update(outgoingPushes)
    .set({ state: 'cancelled' })
    .where(and(eq(outgoingPushes.incidentId, incidentId), eq(outgoingPushes.state, 'pending')))
    .run();
}

/**
 * Takes due pushes of still-triggered incidents, with their device (null once deleted), and
 * marks them in flight, in one step.
 */
export function claimDuePushes(tx: Tx, now: Date, limit: number): Array<{ push: OutgoingPushRow; device: SubscriptionRow | null }> {
  const rows = tx
    .select({ push: outgoingPushes, device: pushSubscriptions })
    .from(outgoingPushes)
    .innerJoin(incidents, eq(incidents.id, outgoingPushes.incidentId))
    .leftJoin(pushSubscriptions, eq(pushSubscriptions.id, outgoingPushes.subscriptionId))
    .where(and(eq(outgoingPushes.state, 'pending'), lte(outgoingPushes.nextAttemptAt, now), eq(incidents.status, 'triggered')))
    .orderBy(asc(outgoingPushes.nextAttemptAt))
    .limit(limit)
    .all();
  if (rows.length > 0) {
    tx.update(outgoingPushes).set({ state: 'sending' }).where(inArray(outgoingPushes.id, rows.map((row) => row.push.id))).run();
  }
  return rows;
}

export function updateOutgoing(tx: Tx, id: string, changes: Partial<Omit<OutgoingPushRow, 'id'>>): void {
  tx.update(outgoingPushes).set(changes).where(eq(outgoingPushes.id, id)).run();
}

/** Is any push of this page delivered or still on its way? If not, the user was not reached. */
export function pageHasLivePush(tx: Tx, pageId: string): boolean {
  return (
    tx
      .select({ id: outgoingPushes.id })
      .from(outgoingPushes)
      .where(and(eq(outgoingPushes.pageId, pageId), inArray(outgoingPushes.state, ['pending', 'sending', 'sent'])))
      .get() !== undefined
  );
}

/** After a crash, pushes that were in flight go back to pending: at-least-once delivery. */
export function requeueInFlightPushes(tx: Tx): number {
  return tx.update(outgoingPushes).set({ state: 'pending' }).where(eq(outgoingPushes.state, 'sending')).run().changes;
}

const earliest = (...dates: Array<Date | null | undefined>): Date | null => {
  const times = dates.filter((at): at is Date => at instanceof Date).map((at) => at.getTime());
  return times.length ? new Date(Math.min(...times)) : null;
};

/**
 * When the engine next has work: `steps` for escalations and pages, `pushes` for the
 * outbox (kept apart because busy delivery picks up due pushes by itself).
 */
export function nextDue(tx: Tx): { steps: Date | null; pushes: Date | null } {
  return {
    steps: earliest(
      tx.select({ at: min(incidentEscalations.nextStepDueAt) }).from(incidentEscalations)
        .where(and(eq(incidentEscalations.state, 'active'), isNotNull(incidentEscalations.nextStepDueAt))).get()?.at,
      tx.select({ at: min(pages.dueAt) }).from(pages).where(eq(pages.state, 'pending')).get()?.at,
    ),
    pushes: earliest(tx.select({ at: min(outgoingPushes.nextAttemptAt) }).from(outgoingPushes).where(eq(outgoingPushes.state, 'pending')).get()?.at),
  };
}
