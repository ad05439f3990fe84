import { and, eq, isNull, lt } from 'drizzle-orm';
import type { Db, Tx } from '../client';

export type Claim =
  | { kind: 'new' }
  | { kind: 'replay'; status: number; body: string }
  | { kind: 'in_progress' }
  | { kind: 'mismatch' };

const abandonedAfterMs = 60_000;
/** A reservation deleted between our insert and our read frees the key: try again, a few times at most. */
const maxClaimAttempts = 3;

/**
 * Looks the key up and, when it is new, reserves it. Several instances may claim one key at the same moment,
 * so the reservation is an insert that does nothing on a conflict: the primary key (user_id, key) lets exactly
 * one of them in, and the others read the row that is there and decide from it.
 */
export async function claimIdempotencyKey(
  db: Db,
  request: { userId: string; key: string; requestHash: string },
  now: Date,
): Promise<Claim> {
  return db.transaction(async (tx) => {
    const { idempotencyKeys } = tx.t;
    const thisKey = and(eq(idempotencyKeys.userId, request.userId), eq(idempotencyKeys.key, request.key));
    for (let attempt = 1; attempt <= maxClaimAttempts; attempt++) {
      const reserved = await tx
        .insert(idempotencyKeys)
        .values({ ...request, createdAt: now })
        .onConflictDoNothing()
        .returning({ key: idempotencyKeys.key });
      if (reserved.length > 0) return { kind: 'new' } as const;

      const [row] = await tx.select().from(idempotencyKeys).where(thisKey).limit(1);
      if (!row) continue;
      if (row.requestHash !== request.requestHash) return { kind: 'mismatch' } as const;
      if (row.status === null || row.body === null) {
        // A request takes milliseconds; a reservation this old outlived a crashed process. Blocking
        // the key for good would wedge a phone's whole outbox behind it, so the retry runs instead.
        if (now.getTime() - row.createdAt.getTime() < abandonedAfterMs) return { kind: 'in_progress' } as const;
        // Only if it is still the reservation just read: of two instances taking it over at once, one wins.
        const takenOver = await tx
          .update(idempotencyKeys)
          .set({ createdAt: now })
          .where(and(thisKey, isNull(idempotencyKeys.status), eq(idempotencyKeys.createdAt, row.createdAt)))
          .returning({ key: idempotencyKeys.key });
        return takenOver.length > 0 ? ({ kind: 'new' } as const) : ({ kind: 'in_progress' } as const);
      }
      return { kind: 'replay', status: row.status, body: row.body } as const;
    }
    // The key kept being freed and taken under us; the client's retry will find it settled.
    return { kind: 'in_progress' } as const;
  });
}

export async function storeIdempotentResponse(tx: Tx, userId: string, key: string, status: number, body: string): Promise<void> {
  const { idempotencyKeys } = tx.t;
  await tx
    .update(idempotencyKeys)
    .set({ status, body })
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
}

export async function releaseIdempotencyKey(tx: Tx, userId: string, key: string): Promise<void> {
  const { idempotencyKeys } = tx.t;
  await tx.delete(idempotencyKeys).where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
}

/** Keys older than the retention are forgotten; offline phones replay within days, not weeks. */
export async function pruneIdempotencyKeys(tx: Tx, olderThan: Date): Promise<number> {
  const { idempotencyKeys } = tx.t;
  const deleted = await tx
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.createdAt, olderThan))
    .returning({ key: idempotencyKeys.key });
  return deleted.length;
}
