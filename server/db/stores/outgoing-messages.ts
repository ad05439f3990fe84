import { and, asc, eq, inArray, isNull, lt, lte, ne, or, sql } from 'drizzle-orm';
import type { Tx } from '../client';
import { forUpdate } from '../row-locks';
import type { ContactMethodRow, OutgoingMessageRow, ServiceWebhookRow, Tables } from '../schema/index';
import { pageMaySend } from './direct-pages';
import { realIncidentsFirst } from './real-first';

export type { OutgoingMessageRow };

/**
 * How long a message stays with the instance sending it: longer than a send can take (an SMTP conversation may
 * take 15 s), short enough that another instance takes over a dead one's messages soon after.
 */
export const messageLeaseMs = 30_000;

export type NewOutgoingMessage = Pick<OutgoingMessageRow, 'id' | 'kind' | 'incidentId' | 'payload'> &
  Partial<Pick<OutgoingMessageRow, 'pageId' | 'userId' | 'contactMethodId' | 'webhookId' | 'seq'>>;

export async function insertOutgoingMessages(tx: Tx, messages: NewOutgoingMessage[], now: Date): Promise<void> {
  if (messages.length === 0) return;
  await tx.insert(tx.t.outgoingMessages).values(messages.map((message) => ({ ...message, state: 'pending' as const, nextAttemptAt: now, createdAt: now })));
}

/**
 * A message that may go now as far as ordering goes: a page always, a service event once no earlier event of its
 * incident to the same webhook is still pending or being sent. Raw, because it names the table twice; the outer
 * columns render qualified.
 */
export function sendable({ outgoingMessages }: Tables) {
  return sql`(${outgoingMessages.kind} = 'page' or not exists (select 1 from outgoing_messages earlier
    where earlier.webhook_id = ${outgoingMessages.webhookId} and earlier.incident_id = ${outgoingMessages.incidentId}
    and earlier.seq < ${outgoingMessages.seq} and earlier.state in ('pending', 'sending')))`;
}

export interface ClaimedMessage {
  message: OutgoingMessageRow;
  /** A page's contact method; null once deleted. */
  method: ContactMethodRow | null;
  /** An event's webhook (deleting a webhook deletes its messages). */
  webhook: ServiceWebhookRow | null;
}

/**
 * Takes due messages and leases them to this instance. A page goes only while its incident is still triggered
 * (a direct page while it is open: see direct-pages.ts).
 * A service event goes only once every earlier event of its incident to the same webhook is delivered or given
 * up: receivers see an incident's events in the order they happened, even across retries and instances (an
 * earlier event another instance is about to claim still reads as pending here). Real incidents' messages are
 * taken before a drill's (see real-first.ts).
 */
export async function claimDueMessages(tx: Tx, instanceId: string, now: Date, limit: number): Promise<ClaimedMessage[]> {
  const { outgoingMessages, incidents, contactMethods, serviceWebhooks } = tx.t;
  const query = tx
    .select({ message: outgoingMessages, method: contactMethods, webhook: serviceWebhooks })
    .from(outgoingMessages)
    .innerJoin(incidents, eq(incidents.id, outgoingMessages.incidentId))
    .leftJoin(contactMethods, eq(contactMethods.id, outgoingMessages.contactMethodId))
    .leftJoin(serviceWebhooks, eq(serviceWebhooks.id, outgoingMessages.webhookId))
    .where(
      and(
        eq(outgoingMessages.state, 'pending'),
        lte(outgoingMessages.nextAttemptAt, now),
        or(
          and(eq(outgoingMessages.kind, 'page'), pageMaySend(incidents.status, outgoingMessages.pageId)),
          and(eq(outgoingMessages.kind, 'event'), sendable(tx.t)),
          eq(outgoingMessages.kind, 'notice'),
        ),
      ),
    )
    .orderBy(realIncidentsFirst(incidents.drillId), asc(outgoingMessages.nextAttemptAt), asc(outgoingMessages.seq))
    .limit(limit);
  const rows = await forUpdate(tx, query, { skipLocked: true, of: outgoingMessages });
  if (rows.length > 0) {
    await tx
      .update(outgoingMessages)
      .set({ state: 'sending', claimedBy: instanceId, leaseUntil: new Date(now.getTime() + messageLeaseMs) })
      .where(inArray(outgoingMessages.id, rows.map((row) => row.message.id)));
  }
  return rows;
}

export async function updateMessage(tx: Tx, id: string, changes: Partial<Omit<OutgoingMessageRow, 'id'>>): Promise<void> {
  const { outgoingMessages } = tx.t;
  await tx.update(outgoingMessages).set({ claimedBy: null, leaseUntil: null, ...changes }).where(eq(outgoingMessages.id, id));
}

/** Messages whose sender is gone go back to pending, like pushes (see `requeueAbandonedPushes`). */
export async function requeueAbandonedMessages(tx: Tx, now: Date, allBut?: string): Promise<number> {
  const { outgoingMessages } = tx.t;
  const gone = allBut
    ? or(isNull(outgoingMessages.claimedBy), ne(outgoingMessages.claimedBy, allBut))
    : or(isNull(outgoingMessages.leaseUntil), lt(outgoingMessages.leaseUntil, now));
  const requeued = await tx
    .update(outgoingMessages)
    .set({ state: 'pending', claimedBy: null, leaseUntil: null })
    .where(and(eq(outgoingMessages.state, 'sending'), gone))
    .returning({ id: outgoingMessages.id });
  return requeued.length;
}

/** An incident stops paging: its unsent pages to contact methods go with it. Its service events still go out. */
export async function cancelPageMessages(tx: Tx, incidentId: string): Promise<void> {
  const { outgoingMessages } = tx.t;
  await tx
    .update(outgoingMessages)
    .set({ state: 'cancelled' })
    .where(and(eq(outgoingMessages.incidentId, incidentId), eq(outgoingMessages.kind, 'page'), eq(outgoingMessages.state, 'pending')));
}

/** The delivery log keeps this many attempts per webhook. */
export const webhookAttemptsKept = 50;

/** Logs one attempt to deliver a service event and forgets that webhook's attempts beyond the newest 50. */
export async function logWebhookAttempt(tx: Tx, row: Tables['webhookAttempts']['$inferInsert']): Promise<void> {
  const { webhookAttempts } = tx.t;
  await tx.insert(webhookAttempts).values(row);
  const kept = tx
    .select({ id: webhookAttempts.id })
    .from(webhookAttempts)
    .where(eq(webhookAttempts.webhookId, row.webhookId))
    .orderBy(sql`${webhookAttempts.at} desc`, sql`${webhookAttempts.id} desc`)
    .limit(webhookAttemptsKept);
  await tx.delete(webhookAttempts).where(and(eq(webhookAttempts.webhookId, row.webhookId), sql`${webhookAttempts.id} not in ${kept}`));
}
