import { and, asc, eq, lte } from 'drizzle-orm';
import type { Heartbeat } from '../../../shared/api/detection';
import type { Tx } from '../client';
import { forUpdate } from '../row-locks';
import type { HeartbeatRow, Tables } from '../schema/index';

export type { HeartbeatRow };

/** `baseUrl`: where jobs reach Muster (PUBLIC_URL, or the address the request came to). */
export function toHeartbeat(row: HeartbeatRow, baseUrl: string): Heartbeat {
  return {
    id: row.id,
    serviceId: row.serviceId,
    name: row.name,
    intervalSeconds: row.intervalSeconds,
    url: `${baseUrl.replace(/\/+$/, '')}/heartbeat/${row.token}`,
    lastPingAt: row.lastPingAt?.toISOString() ?? null,
    status: row.status,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function insertHeartbeat(tx: Tx, row: Tables['heartbeats']['$inferInsert']): Promise<HeartbeatRow> {
  const [inserted] = await tx.insert(tx.t.heartbeats).values(row).returning();
  return inserted;
}

export async function heartbeatsOfService(tx: Tx, serviceId: string): Promise<HeartbeatRow[]> {
  const { heartbeats } = tx.t;
  return tx.select().from(heartbeats).where(eq(heartbeats.serviceId, serviceId)).orderBy(asc(heartbeats.name), asc(heartbeats.createdAt));
}

export async function findHeartbeat(tx: Tx, serviceId: string, id: string): Promise<HeartbeatRow | undefined> {
  const { heartbeats } = tx.t;
  const [row] = await tx.select().from(heartbeats).where(and(eq(heartbeats.serviceId, serviceId), eq(heartbeats.id, id))).limit(1);
  return row;
}

/** The heartbeat a ping names, locked until the ping is recorded. */
export async function findHeartbeatByToken(tx: Tx, token: string): Promise<HeartbeatRow | undefined> {
  const { heartbeats } = tx.t;
  const [row] = await forUpdate(tx, tx.select().from(heartbeats).where(eq(heartbeats.token, token)).limit(1));
  return row;
}

export async function updateHeartbeat(tx: Tx, id: string, changes: Partial<Pick<HeartbeatRow, 'status' | 'lastPingAt' | 'expiresAt'>>): Promise<void> {
  const { heartbeats } = tx.t;
  await tx.update(heartbeats).set(changes).where(eq(heartbeats.id, id));
}

export async function deleteHeartbeat(tx: Tx, id: string): Promise<void> {
  const { heartbeats } = tx.t;
  await tx.delete(heartbeats).where(eq(heartbeats.id, id));
}

/** Heartbeats whose interval ran out without a ping, claimed for this transaction (another instance skips them). */
export async function dueHeartbeats(tx: Tx, now: Date, limit: number): Promise<HeartbeatRow[]> {
  const { heartbeats } = tx.t;
  const query = tx
    .select()
    .from(heartbeats)
    .where(and(eq(heartbeats.status, 'up'), lte(heartbeats.expiresAt, now)))
    .orderBy(asc(heartbeats.expiresAt))
    .limit(limit);
  return forUpdate(tx, query, { skipLocked: true });
}

