import { and, eq, lt } from 'drizzle-orm';
import type { Db } from '../client';
import { idempotencyKeys } from '../schema/index';

export type Claim =
  | { kind: 'new' }
  | { kind: 'replay'; status: number; body: string }
  | { kind: 'in_progress' }
  | { kind: 'mismatch' };

const abandonedAfterMs = 60_000;

/** Looks the key up and, when it is new, reserves it in the same synchronous step. */
export function claimIdempotencyKey(
  db: Db,
  request: { userId: string; key: string; requestHash: string },
  now: Date,
): Claim {
  return db.transaction((tx) => {
    const row = tx
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.userId, request.userId), eq(idempotencyKeys.key, request.key)))
      .get();
    if (!row) {
      tx.insert(idempotencyKeys).values({ ...request, createdAt: now }).run();
      return { kind: 'new' } as const;
    }
    if (row.requestHash !== request.requestHash) return { kind: 'mismatch' } as const;
    if (row.status === null || row.body === null) {
      // A request takes milliseconds; a reservation this old outlived a crashed process. Blocking
      // the key for good would wedge a phone's whole outbox behind it, so the retry runs instead.
      if (now.getTime() - row.createdAt.getTime() < abandonedAfterMs) return { kind: 'in_progress' } as const;
      tx.update(idempotencyKeys)
        .set({ createdAt: now })
        .where(and(eq(idempotencyKeys.userId, request.userId), eq(idempotencyKeys.key, request.key)))
        .run();
      return { kind: 'new' } as const;
    }
    return { kind: 'replay', status: row.status, body: row.body } as const;
  });
}

export function storeIdempotentResponse(db: Db, userId: string, key: string, status: number, body: string): void {
  db.update(idempotencyKeys)
    .set({ status, body })
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)))
    .run();
}

export function releaseIdempotencyKey(db: Db, userId: string, key: string): void {
  db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key))).run();
}

/** Keys older than the retention are forgotten; offline phones replay within days, not weeks. */
export function pruneIdempotencyKeys(db: Db, olderThan: Date): number {
  return db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, olderThan)).run().changes;
}
