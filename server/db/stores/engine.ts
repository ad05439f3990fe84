import { and, asc, eq, getTableColumns, inArray, isNotNull, isNull, lt, lte, min, ne, or } from 'drizzle-orm';
import { contactMethodLabels } from '../../../shared/domain/contact-methods';
import type { EscalationStatus, PagedPerson, PagingChannelState } from '../../../shared/api/incidents';
import type { Severity } from '../../../shared/domain/severity';
import type { Tx } from '../client';
import { forUpdate } from '../row-locks';
import { pageMaySend } from './direct-pages';
import { cancelPageMessages, sendable } from './outgoing-messages';
import { reachabilityOf } from './reachability';
import { realIncidentsFirst } from './real-first';
import { nextDrillDue } from './drills';
import { nextSnoozeEnd } from './snoozes';
import { nextUpdateReminder } from './update-reminders';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { EscalationRow, OutgoingPushRow, PageRow, SubscriptionRow } from '../schema/index';

export type { EscalationRow, OutgoingPushRow, PageRow };

/**
 * Claims the due rows a query selects: with several instances on one database, each engine locks the rows it
 * takes and skips those another holds, so no step, page or push is processed twice.
 */
const claiming = <Q>(tx: Tx, query: Q, of?: PgTable) => forUpdate(tx, query, { skipLocked: true, ...(of && { of }) });

export async function insertEscalation(tx: Tx, row: EscalationRow): Promise<void> {
  await tx.insert(tx.t.incidentEscalations).values(row).onConflictDoNothing();
}

export async function findEscalation(tx: Tx, incidentId: string): Promise<EscalationRow | undefined> {
  const { incidentEscalations } = tx.t;
  const [row] = await tx.select().from(incidentEscalations).where(eq(incidentEscalations.incidentId, incidentId)).limit(1);
  return row;
}

/** The escalation of an incident as the app shows it, with the users its current step pages and how each is reached. */
export async function escalationStatus(tx: Tx, incidentId: string): Promise<EscalationStatus | null> {
  const { incidentEscalations, escalationPolicies, pages, users } = tx.t;
  const [row] = await tx
    .select({ escalation: incidentEscalations, policyName: escalationPolicies.name })
    .from(incidentEscalations)
    .leftJoin(escalationPolicies, eq(escalationPolicies.id, incidentEscalations.policyId))
    .where(eq(incidentEscalations.incidentId, incidentId))
    .limit(1);
  if (!row) return null;
  const { escalation } = row;
  const stepPages = await tx
    .select({ page: pages, name: users.name })
    .from(pages)
    .innerJoin(users, eq(users.id, pages.userId))
    .where(and(eq(pages.incidentId, incidentId), eq(pages.step, escalation.step), eq(pages.loop, escalation.loop)))
    .orderBy(asc(users.name), asc(pages.dueAt), asc(pages.rule));
  return {
    policyId: escalation.policyId,
    policyName: row.policyName,
    step: escalation.step + 1,
    of: escalation.steps.length,
    loop: escalation.loop,
    state: escalation.state,
    nextStepAt: escalation.nextStepDueAt?.toISOString() ?? null,
    paged: await pagedPeople(tx, stepPages),
  };
}

/** Each paged person once, with one channel state per page of theirs (cancelled ones left out). */
async function pagedPeople(tx: Tx, stepPages: Array<{ page: PageRow; name: string }>): Promise<PagedPerson[]> {
  const { outgoingPushes, outgoingMessages, contactMethods } = tx.t;
  const pageIds = stepPages.map(({ page }) => page.id);
  const userIds = [...new Set(stepPages.map(({ page }) => page.userId))];
  const pushes = pageIds.length
    ? await tx
        .select({ pageId: outgoingPushes.pageId, state: outgoingPushes.state, attempts: outgoingPushes.attempts, sentAt: outgoingPushes.sentAt, error: outgoingPushes.lastError })
        .from(outgoingPushes)
        .where(inArray(outgoingPushes.pageId, pageIds))
    : [];
  const messages = pageIds.length
    ? await tx
        .select({ pageId: outgoingMessages.pageId, state: outgoingMessages.state, attempts: outgoingMessages.attempts, sentAt: outgoingMessages.sentAt, error: outgoingMessages.lastError })
        .from(outgoingMessages)
        .where(inArray(outgoingMessages.pageId, pageIds))
    : [];
  const methodIds = [...new Set(stepPages.flatMap(({ page }) => (page.contactMethodId ? [page.contactMethodId] : [])))];
  const methodTypes = new Map(
    methodIds.length ? (await tx.select({ id: contactMethods.id, type: contactMethods.type }).from(contactMethods).where(inArray(contactMethods.id, methodIds))).map((m) => [m.id, m.type]) : [],
  );
  const reach = await reachabilityOf(tx, userIds);
  const sendsOf = (rows: typeof pushes) => (pageId: string) => rows.filter((send) => send.pageId === pageId);
  const pushesOf = sendsOf(pushes);
  const messagesOf = sendsOf(messages);

  const people = new Map<string, PagedPerson>();
  for (const { page, name } of stepPages) {
    const person = people.get(page.userId) ?? { id: page.userId, name, reachable: reach.get(page.userId)!.reachable, why: reach.get(page.userId)!.why, channels: [] };
    people.set(page.userId, person);
    if (page.state === 'cancelled') continue;
    const type = page.contactMethodId ? methodTypes.get(page.contactMethodId) : undefined;
    const channel = page.method === 'push' ? 'push' : type ? contactMethodLabels[type] : 'contact method';
    if (page.state === 'pending') person.channels.push({ channel, state: 'due', at: page.dueAt.toISOString(), error: null });
    else person.channels.push({ channel, ...sendState(page.method === 'push' ? pushesOf(page.id) : messagesOf(page.id), page.method) });
  }
  return [...people.values()];
}

/** What a page's sends add up to: delivered if any got through, still going while any is, else failed. */
function sendState(
  sends: Array<{ state: string; attempts: number; sentAt: Date | null; error: string | null }>,
  method: PageRow['method'],
): Omit<PagingChannelState, 'channel'> {
  const delivered = sends.filter((send) => send.state === 'sent').map((send) => send.sentAt!.getTime());
  if (delivered.length) return { state: 'delivered', at: new Date(Math.min(...delivered)).toISOString(), error: null };
  const going = sends.filter((send) => send.state === 'pending' || send.state === 'sending');
  if (going.length) return { state: going.some((send) => send.attempts > 0) ? 'retrying' : 'sending', at: null, error: going.find((send) => send.error)?.error ?? null };
  if (sends.length === 0) {
    return method === 'push' ? { state: 'unreachable', at: null, error: 'no device' } : { state: 'failed', at: null, error: 'the contact method was removed' };
  }
  return { state: 'failed', at: null, error: sends.find((send) => send.error)?.error ?? null };
}

/** Due escalations, claimed for this transaction: real incidents' first, then the longest overdue. */
export async function dueEscalations(tx: Tx, now: Date, limit: number): Promise<EscalationRow[]> {
  const { incidentEscalations, incidents } = tx.t;
  const query = tx
    .select(getTableColumns(incidentEscalations))
    .from(incidentEscalations)
    .innerJoin(incidents, eq(incidents.id, incidentEscalations.incidentId))
    .where(and(eq(incidentEscalations.state, 'active'), lte(incidentEscalations.nextStepDueAt, now)))
    .orderBy(realIncidentsFirst(incidents.drillId), asc(incidentEscalations.nextStepDueAt))
    .limit(limit);
  return claiming(tx, query, incidentEscalations);
}

type EscalationMove = Pick<EscalationRow, 'step' | 'loop' | 'state' | 'nextStepDueAt'>;

/**
 * Moves escalations on. Under an alert storm a batch moves hundreds of escalations to the same step, state and
 * due time: each distinct move is one statement for all of its escalations.
 */
export async function moveEscalations(tx: Tx, moves: Array<{ incidentId: string; changes: EscalationMove }>): Promise<void> {
  const { incidentEscalations } = tx.t;
  const groups = new Map<string, { changes: EscalationMove; incidentIds: string[] }>();
  for (const { incidentId, changes } of moves) {
    const key = JSON.stringify(changes);
    const group = groups.get(key);
    if (group) group.incidentIds.push(incidentId);
    else groups.set(key, { changes, incidentIds: [incidentId] });
  }
  for (const { changes, incidentIds } of groups.values()) {
    await tx.update(incidentEscalations).set(changes).where(inArray(incidentEscalations.incidentId, incidentIds));
  }
}

export async function insertPages(tx: Tx, rows: PageRow[]): Promise<void> {
  if (rows.length > 0) await tx.insert(tx.t.pages).values(rows);
}

/** What a page needs to know about its incident, for a whole batch of incidents in one query. */
export async function pagingContexts(tx: Tx, incidentIds: string[]) {
  const { incidents, services, incidentEscalations } = tx.t;
  if (incidentIds.length === 0) return new Map<string, never>();
  const rows = await tx
    .select({
      id: incidents.id,
      number: incidents.number,
      title: incidents.title,
      severity: incidents.severity,
      status: incidents.status,
      serviceName: services.name,
      roles: incidents.roles,
      drillId: incidents.drillId,
      nextStepDueAt: incidentEscalations.nextStepDueAt,
    })
    .from(incidents)
    .innerJoin(services, eq(services.id, incidents.serviceId))
    .leftJoin(incidentEscalations, eq(incidentEscalations.incidentId, incidents.id))
    .where(inArray(incidents.id, incidentIds));
  return new Map(rows.map((row) => [row.id, row]));
}

/** Due pages, claimed for this transaction: real incidents' first, then the longest overdue. */
export async function duePages(tx: Tx, now: Date, limit: number): Promise<PageRow[]> {
  const { pages, incidents } = tx.t;
  const query = tx
    .select(getTableColumns(pages))
    .from(pages)
    .innerJoin(incidents, eq(incidents.id, pages.incidentId))
    .where(and(eq(pages.state, 'pending'), lte(pages.dueAt, now)))
    .orderBy(realIncidentsFirst(incidents.drillId), asc(pages.dueAt))
    .limit(limit);
  return claiming(tx, query, pages);
}

export async function markPagesDone(tx: Tx, ids: string[]): Promise<void> {
  const { pages } = tx.t;
  if (ids.length > 0) await tx.update(pages).set({ state: 'done' }).where(inArray(pages.id, ids));
}

export type NewOutgoingPush = Pick<OutgoingPushRow, 'id' | 'pageId' | 'incidentId' | 'userId' | 'subscriptionId' | 'payload' | 'urgency' | 'ttlSeconds'>;

export async function insertOutgoingPushes(tx: Tx, pushes: NewOutgoingPush[], now: Date): Promise<void> {
  if (pushes.length === 0) return;
  await tx.insert(tx.t.outgoingPushes).values(pushes.map((push) => ({ ...push, state: 'pending' as const, nextAttemptAt: now, createdAt: now })));
}

/** Stops every future page for an incident: its escalation, pending re-pages, unsent pushes and contact pages. */
export async function stopPaging(tx: Tx, incidentId: string): Promise<void> {
  const { incidentEscalations, pages, outgoingPushes } = tx.t;
  await tx
    .update(incidentEscalations)
    .set({ state: 'stopped', nextStepDueAt: null })
    .where(and(eq(incidentEscalations.incidentId, incidentId), eq(incidentEscalations.state, 'active')));
  await tx.update(pages).set({ state: 'cancelled' }).where(and(eq(pages.incidentId, incidentId), eq(pages.state, 'pending')));
  await tx
    .update(outgoingPushes)
    .set({ state: 'cancelled' })
    .where(and(eq(outgoingPushes.incidentId, incidentId), eq(outgoingPushes.state, 'pending'), isNotNull(outgoingPushes.pageId)));
  await cancelPageMessages(tx, incidentId);
}

/**
 * How long a push stays with the instance that claimed it. Longer than a send can take (the push timeout is
 * 10 s), short enough that another instance re-sends a dead instance's pushes within seconds.
 */
export const pushLeaseMs = 15_000;

/**
 * Takes due pushes of still-triggered incidents (or direct pages of acknowledged ones), with their device (null once deleted), and leases them to
 * this instance, in one step. Real incidents' pushes first (a notice about no incident counts as real), then the longest waiting.
 */
export async function claimDuePushes(
  tx: Tx,
  instanceId: string,
  now: Date,
  limit: number,
): Promise<Array<{ push: OutgoingPushRow; device: SubscriptionRow | null; severity: Severity | null }>> {
  const { outgoingPushes, incidents, pushSubscriptions } = tx.t;
  const query = tx
    // The incident's severity now, not when the page was queued: raising it to SEV-1 makes even a retry urgent.
    .select({ push: outgoingPushes, device: pushSubscriptions, severity: incidents.severity })
    .from(outgoingPushes)
    // A notice about no incident (a drill's reminder) has no incident to join.
    .leftJoin(incidents, eq(incidents.id, outgoingPushes.incidentId))
    .leftJoin(pushSubscriptions, eq(pushSubscriptions.id, outgoingPushes.subscriptionId))
    // A notice (no page) goes whatever the incident's status: it informs, and acknowledging does not withdraw it.
    .where(and(eq(outgoingPushes.state, 'pending'), lte(outgoingPushes.nextAttemptAt, now), or(isNull(outgoingPushes.pageId), pageMaySend(incidents.status, outgoingPushes.pageId))))
    .orderBy(realIncidentsFirst(incidents.drillId), asc(outgoingPushes.nextAttemptAt))
    .limit(limit);
  const rows = await claiming(tx, query, outgoingPushes);
  if (rows.length > 0) {
    await tx
      .update(outgoingPushes)
      .set({ state: 'sending', claimedBy: instanceId, leaseUntil: new Date(now.getTime() + pushLeaseMs) })
      .where(inArray(outgoingPushes.id, rows.map((row) => row.push.id)));
  }
  return rows;
}

export async function updateOutgoing(tx: Tx, id: string, changes: Partial<Omit<OutgoingPushRow, 'id'>>): Promise<void> {
  const { outgoingPushes } = tx.t;
  await tx.update(outgoingPushes).set({ claimedBy: null, leaseUntil: null, ...changes }).where(eq(outgoingPushes.id, id));
}

/** Is any push of this page delivered or still on its way? If not, the user was not reached. */
export async function pageHasLivePush(tx: Tx, pageId: string): Promise<boolean> {
  const { outgoingPushes } = tx.t;
  const [live] = await tx
    .select({ id: outgoingPushes.id })
    .from(outgoingPushes)
    .where(and(eq(outgoingPushes.pageId, pageId), inArray(outgoingPushes.state, ['pending', 'sending', 'sent'])))
    .limit(1);
  return live !== undefined;
}

/**
 * Pushes whose sender is gone go back to pending: at-least-once delivery. A sender is gone when its lease ran
 * out, or, with `allBut` (a single instance starting up), when it is any earlier process.
 */
export async function requeueAbandonedPushes(tx: Tx, now: Date, allBut?: string): Promise<number> {
  const { outgoingPushes } = tx.t;
  const gone = allBut
    ? or(isNull(outgoingPushes.claimedBy), ne(outgoingPushes.claimedBy, allBut))
    : or(isNull(outgoingPushes.leaseUntil), lt(outgoingPushes.leaseUntil, now));
  const requeued = await tx
    .update(outgoingPushes)
    .set({ state: 'pending', claimedBy: null, leaseUntil: null })
    .where(and(eq(outgoingPushes.state, 'sending'), gone))
    .returning({ id: outgoingPushes.id });
  return requeued.length;
}

const earliest = (...dates: Array<Date | null | undefined>): Date | null => {
  const times = dates.filter((at): at is Date => at instanceof Date).map((at) => at.getTime());
  return times.length ? new Date(Math.min(...times)) : null;
};

/**
 * When the engine next has work: `steps` for heartbeat expiries, snoozes running out, escalations, pages, status update
 * reminders and drills (starts, injects, reminders), `pushes` and `messages`
 * for the outbox (kept apart because a busy sender picks up what falls due by itself).
 */
export async function nextDue(tx: Tx): Promise<{ steps: Date | null; pushes: Date | null; messages: Date | null }> {
  const { incidentEscalations, pages, outgoingPushes, outgoingMessages, heartbeats } = tx.t;
  const [[escalation], [page], [push], [message], [heartbeat], snooze, reminder, drill] = await Promise.all([
    tx
      .select({ at: min(incidentEscalations.nextStepDueAt) })
      .from(incidentEscalations)
      .where(and(eq(incidentEscalations.state, 'active'), isNotNull(incidentEscalations.nextStepDueAt))),
    tx.select({ at: min(pages.dueAt) }).from(pages).where(eq(pages.state, 'pending')),
    tx.select({ at: min(outgoingPushes.nextAttemptAt) }).from(outgoingPushes).where(eq(outgoingPushes.state, 'pending')),
    // An event held back behind an earlier one is not due: the earlier one's retry time is.
    tx.select({ at: min(outgoingMessages.nextAttemptAt) }).from(outgoingMessages).where(and(eq(outgoingMessages.state, 'pending'), sendable(tx.t))),
    tx.select({ at: min(heartbeats.expiresAt) }).from(heartbeats).where(eq(heartbeats.status, 'up')),
    nextSnoozeEnd(tx),
    nextUpdateReminder(tx),
    nextDrillDue(tx),
  ]);
  return { steps: earliest(escalation?.at, page?.at, heartbeat?.at, snooze, reminder, drill), pushes: earliest(push?.at), messages: earliest(message?.at) };
}

/** Puts an incident's escalation at a new start (reassigned, snooze over, reopened), whatever it was before. */
export async function replaceEscalation(tx: Tx, row: EscalationRow): Promise<void> {
  const { incidentEscalations } = tx.t;
  const { incidentId: _key, ...changes } = row;
  await tx.insert(incidentEscalations).values(row).onConflictDoUpdate({ target: incidentEscalations.incidentId, set: changes });
}
