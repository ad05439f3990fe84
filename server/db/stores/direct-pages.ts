import { and, eq, inArray, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Tx } from '../client';

/**
 * Pages made outside an incident's escalation (an added responder, a newly assigned role holder) are ordinary
 * page rows with this step: the escalation's own steps count from 0 and never read them, so such a page neither
 * restarts nor advances it, and the page/notify/delivery outbox sends it like any other.
 */
export const directPageStep = -1;

/**
 * May a page's sends go out now? An escalation's pages only while nobody has acknowledged; a direct page while
 * the incident is open (someone wants that person, whatever the status).
 */
export function pageMaySend(status: AnyColumn, pageId: AnyColumn): SQL {
  return sql`(${status} = 'triggered' or (${status} = 'acknowledged' and exists (select 1 from pages direct
    where direct.id = ${pageId} and direct.step = ${sql.raw(String(directPageStep))})))`;
}

/** Users among `userIds` who were ever paged for this incident, by its escalation or directly. */
export async function usersPagedFor(tx: Tx, incidentId: string, userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const { pages } = tx.t;
  const rows = await tx
    .selectDistinct({ userId: pages.userId })
    .from(pages)
    .where(and(eq(pages.incidentId, incidentId), inArray(pages.userId, userIds)));
  return new Set(rows.map((row) => row.userId));
}

export async function hasDirectPage(tx: Tx, incidentId: string, userId: string): Promise<boolean> {
  const { pages } = tx.t;
  const [row] = await tx
    .select({ id: pages.id })
    .from(pages)
    .where(and(eq(pages.incidentId, incidentId), eq(pages.userId, userId), eq(pages.step, directPageStep)))
    .limit(1);
  return row !== undefined;
}

/** Stops a directly paged person's re-pages once they have answered. */
export async function cancelDirectPages(tx: Tx, incidentId: string, userId: string): Promise<void> {
  const { pages } = tx.t;
  await tx
    .update(pages)
    .set({ state: 'cancelled' })
    .where(and(eq(pages.incidentId, incidentId), eq(pages.userId, userId), eq(pages.step, directPageStep), eq(pages.state, 'pending')));
}

