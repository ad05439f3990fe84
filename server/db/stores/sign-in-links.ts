import { and, eq, gt, lte } from 'drizzle-orm';
import type { SignInLinkPurpose } from '../../../shared/api/accounts';
import { randomSecret, sha256 } from '../../auth/secrets';
import type { Tx } from '../client';
import type { UserRow } from '../schema/index';

/** Replaces the user's earlier links: only the newest one shared can be used. Returns the token (only its hash is kept). */
export async function replaceSignInLink(tx: Tx, userId: string, purpose: SignInLinkPurpose, now: Date, expiresAt: Date): Promise<string> {
  const { signInLinks } = tx.t;
  const token = randomSecret();
  await tx.delete(signInLinks).where(eq(signInLinks.userId, userId));
  await tx.insert(signInLinks).values({ tokenHash: sha256(token), userId, purpose, createdAt: now, expiresAt });
  return token;
}

/** The link and its user while it is unexpired; a used link no longer exists. */
export async function findSignInLink(tx: Tx, token: string, now: Date): Promise<{ user: UserRow; purpose: SignInLinkPurpose; expiresAt: Date } | undefined> {
  const { signInLinks, users } = tx.t;
  const [row] = await tx
    .select({ user: users, purpose: signInLinks.purpose, expiresAt: signInLinks.expiresAt })
    .from(signInLinks)
    .innerJoin(users, eq(users.id, signInLinks.userId))
    .where(and(eq(signInLinks.tokenHash, sha256(token)), gt(signInLinks.expiresAt, now)))
    .limit(1);
  return row;
}

/** True for the one caller that used the link: two tabs redeeming at once cannot both set a password. */
export async function consumeSignInLink(tx: Tx, token: string): Promise<boolean> {
  const { signInLinks } = tx.t;
  const deleted = await tx.delete(signInLinks).where(eq(signInLinks.tokenHash, sha256(token))).returning({ userId: signInLinks.userId });
  return deleted.length > 0;
}

export async function pruneExpiredSignInLinks(tx: Tx, now: Date): Promise<void> {
  const { signInLinks } = tx.t;
  await tx.delete(signInLinks).where(lte(signInLinks.expiresAt, now));
}
