import { and, eq, gt, lte, sql } from 'drizzle-orm';
import type { ApiToken } from '../../../shared/api/accounts';
import { randomSecret, sha256 } from '../../auth/secrets';
import type { Tx } from '../client';
import { prepared } from '../prepared';
import { toUser } from './users';

const p = sql.placeholder;

export const sessionLifetimeMs = 30 * 24 * 3600_000;

/** Creates a session and returns the secret that goes in the cookie (only its hash is stored). */
export async function createSession(tx: Tx, userId: string, now: Date): Promise<{ secret: string; expiresAt: Date }> {
  const { sessions } = tx.t;
  const secret = randomSecret();
  const expiresAt = new Date(now.getTime() + sessionLifetimeMs);
  await tx.insert(sessions).values({ idHash: sha256(secret), userId, createdAt: now, expiresAt });
  return { secret, expiresAt };
}

/** Runs on every request signed in by cookie. */
export async function userForSession(tx: Tx, secret: string, now: Date) {
  const statement = prepared(tx, 'user_for_session', (h) => {
    const { sessions, users } = h.t;
    return h
      .select({ user: users })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(and(eq(sessions.idHash, p('idHash')), gt(sessions.expiresAt, p('now')), eq(users.active, true)))
      .limit(1);
  });
  // A placeholder in a comparison is bound as it is: the column encodes the time for its backend.
  const [row] = await statement.execute({ idHash: sha256(secret), now: tx.t.sessions.expiresAt.mapToDriverValue(now) });
  return row ? toUser(row.user) : undefined;
}

export async function deleteSession(tx: Tx, secret: string): Promise<void> {
  const { sessions } = tx.t;
  await tx.delete(sessions).where(eq(sessions.idHash, sha256(secret)));
}

export async function createApiToken(tx: Tx, userId: string, name: string, now: Date): Promise<{ token: string; info: ApiToken }> {
  const { apiTokens } = tx.t;
  const token = randomSecret('mst_');
  const id = crypto.randomUUID();
  await tx.insert(apiTokens).values({ id, userId, name, tokenHash: sha256(token), createdAt: now });
  return { token, info: { id, name, createdAt: now.toISOString(), lastUsedAt: null } };
}

/** Runs on every request signed in by token. */
export async function userForApiToken(tx: Tx, token: string, now: Date) {
  const { apiTokens } = tx.t;
  const statement = prepared(tx, 'user_for_api_token', (h) => {
    const { apiTokens, users } = h.t;
    return h
      .select({ user: users, tokenId: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt })
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.userId))
      .where(and(eq(apiTokens.tokenHash, p('tokenHash')), eq(users.active, true)))
      .limit(1);
  });
  const [row] = await statement.execute({ tokenHash: sha256(token) });
  if (!row) return undefined;
  // Minute precision is plenty for "last used" and spares a write on every request.
  const stale = !row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000;
  if (stale) await tx.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.tokenId));
  return toUser(row.user);
}

export async function listApiTokens(tx: Tx, userId: string): Promise<ApiToken[]> {
  const { apiTokens } = tx.t;
  const rows = await tx.select().from(apiTokens).where(eq(apiTokens.userId, userId));
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  }));
}

export async function deleteApiToken(tx: Tx, userId: string, id: string): Promise<boolean> {
  const { apiTokens } = tx.t;
  const deleted = await tx
    .delete(apiTokens)
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId)))
    .returning({ id: apiTokens.id });
  return deleted.length > 0;
}

export async function pruneExpiredSessions(tx: Tx, now: Date): Promise<number> {
  const { sessions } = tx.t;
  const deleted = await tx.delete(sessions).where(lte(sessions.expiresAt, now)).returning({ idHash: sessions.idHash });
  return deleted.length;
}
