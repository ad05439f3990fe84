import { and, eq, gt, lte } from 'drizzle-orm';
import type { ApiToken } from '../../../shared/api/accounts';
import { randomSecret, sha256 } from '../../auth/secrets';
import type { Db } from '../client';
import { apiTokens, sessions, users } from '../schema/index';
import { toUser } from './users';

export const sessionLifetimeMs = 30 * 24 * 3600_000;

/** Creates a session and returns the secret that goes in the cookie (only its hash is stored). */
export function createSession(db: Db, userId: string, now: Date): { secret: string; expiresAt: Date } {
  const secret = randomSecret();
  const expiresAt = new Date(now.getTime() + sessionLifetimeMs);
  db.insert(sessions).values({ idHash: sha256(secret), userId, createdAt: now, expiresAt }).run();
  return { secret, expiresAt };
}

export function userForSession(db: Db, secret: string, now: Date) {
  const row = db
    .select({ user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.idHash, sha256(secret)), gt(sessions.expiresAt, now), eq(users.active, true)))
    .get();
  return row ? toUser(row.user) : undefined;
}

export function deleteSession(db: Db, secret: string): void {
  db.delete(sessions).where(eq(sessions.idHash, sha256(secret))).run();
}

export function createApiToken(db: Db, userId: string, name: string, now: Date): { token: string; info: ApiToken } {
  const token = randomSecret('mst_');
  const id = crypto.randomUUID();
  db.insert(apiTokens).values({ id, userId, name, tokenHash: sha256(token), createdAt: now }).run();
  return { token, info: { id, name, createdAt: now.toISOString(), lastUsedAt: null } };
}

export function userForApiToken(db: Db, token: string, now: Date) {
  const row = db
    .select({ user: users, tokenId: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, sha256(token)), eq(users.active, true)))
    .get();
  if (!row) return undefined;
  // Minute precision is plenty for "last used" and spares a write on every request.
  const stale = !row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000;
  if (stale) db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.tokenId)).run();
  return toUser(row.user);
}

export function listApiTokens(db: Db, userId: string): ApiToken[] {
  return db
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .all()
    .map((row) => ({
      id: row.id,
      name: row.name,
      createdAt: row.createdAt.toISOString(),
      lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    }));
}

export function deleteApiToken(db: Db, userId: string, id: string): boolean {
  return db.delete(apiTokens).where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId))).run().changes > 0;
}

export function pruneExpiredSessions(db: Db, now: Date): number {
  return db.delete(sessions).where(lte(sessions.expiresAt, now)).run().changes;
}
