import { and, desc, eq, gte, lte } from 'drizzle-orm';
import type { ChangeEvent } from '../../../shared/api/detection';
import type { Tx } from '../client';
import type { ChangeEventRow, Tables } from '../schema/index';

export function toChangeEvent(row: ChangeEventRow): ChangeEvent {
  return { id: row.id, serviceId: row.serviceId, summary: row.summary, source: row.source, at: row.at.toISOString(), details: row.details, links: row.links };
}

export async function insertChangeEvent(tx: Tx, row: Tables['changeEvents']['$inferInsert']): Promise<void> {
  await tx.insert(tx.t.changeEvents).values(row);
}

/** A service's changes since a time (and up to one, if given), newest first. */
export async function changesOfService(tx: Tx, serviceId: string, from: Date, to: Date | null, limit = 20): Promise<ChangeEventRow[]> {
  const { changeEvents } = tx.t;
  return tx
    .select()
    .from(changeEvents)
    .where(and(eq(changeEvents.serviceId, serviceId), gte(changeEvents.at, from), to ? lte(changeEvents.at, to) : undefined))
    .orderBy(desc(changeEvents.at))
    .limit(limit);
}
