import { and, asc, eq, isNotNull, lte, min } from 'drizzle-orm';
import type { Tx } from '../client';
import { forUpdate } from '../row-locks';
import type { Tables } from '../schema/index';

/**
 * A snooze that still counts: only an acknowledged incident's. One condition for claiming and for the engine's
 * wake-up time, so the engine never wakes for a snooze it would not end (and never spins on one).
 */
const snoozing = ({ incidents }: Tables) => and(eq(incidents.status, 'acknowledged'), isNotNull(incidents.snoozedUntil));

/** Incidents whose snooze ran out, claimed for this transaction (other instances skip them). */
export async function dueSnoozes(tx: Tx, now: Date, limit: number): Promise<Array<{ id: string; snoozedUntil: Date }>> {
  const { incidents } = tx.t;
  const query = tx
    .select({ id: incidents.id, snoozedUntil: incidents.snoozedUntil })
    .from(incidents)
    .where(and(snoozing(tx.t), lte(incidents.snoozedUntil, now)))
    .orderBy(asc(incidents.snoozedUntil))
    .limit(limit);
  const rows = await forUpdate(tx, query, { skipLocked: true, of: incidents });
  return rows.map((row) => ({ id: row.id, snoozedUntil: row.snoozedUntil! }));
}

/** When the earliest snooze runs out, for the engine's timer. */
export async function nextSnoozeEnd(tx: Tx): Promise<Date | null> {
  const { incidents } = tx.t;
  const [row] = await tx.select({ at: min(incidents.snoozedUntil) }).from(incidents).where(snoozing(tx.t));
  return row?.at ?? null;
}

export async function snoozedUntilOf(tx: Tx, incidentId: string): Promise<Date | null> {
  const { incidents } = tx.t;
  const [row] = await tx.select({ at: incidents.snoozedUntil }).from(incidents).where(eq(incidents.id, incidentId)).limit(1);
  return row?.at ?? null;
}
