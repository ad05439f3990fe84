import { SIGN_IN_LINK_DAYS, type SignInLinkPurpose, type User } from '../../../shared/api/accounts';
import { hashPassword } from '../../auth/password';
import type { Db } from '../../db/client';
import { createSession } from '../../db/stores/credentials';
import { consumeSignInLink, findSignInLink, replaceSignInLink } from '../../db/stores/sign-in-links';
import { findUser, setPasswordHash } from '../../db/stores/users';
import { ApiError, forbidden, notFound } from '../../errors';

const linkLifetimeMs = SIGN_IN_LINK_DAYS * 86_400_000;

export const unusableLink = () =>
  new ApiError(404, 'not_found', 'this sign-in link is unknown, already used or expired; ask an admin for a new one');

/**
 * A one-time link for the user to choose a password: an invitation until they have one, a reset after.
 * Issuing one revokes the user's earlier links.
 */
export async function issueSignInLink(db: Db, userId: string, now: Date): Promise<{ token: string; purpose: SignInLinkPurpose; expiresAt: Date }> {
  return db.transaction(async (tx) => {
    const user = await findUser(tx, userId);
    if (!user) throw notFound(`user ${userId}`);
    if (!user.active) throw forbidden(`${user.name} is deactivated; reactivate them first`);
    const purpose: SignInLinkPurpose = user.passwordHash === '' ? 'invite' : 'reset';
    const expiresAt = new Date(now.getTime() + linkLifetimeMs);
    return { token: await replaceSignInLink(tx, user.id, purpose, now, expiresAt), purpose, expiresAt };
  });
}

/**
 * Sets the password the link's holder chose, ends every other sign-in of that user (a reset link is
 * for a lost or leaked password) and signs them in.
 */
export async function redeemSignInLink(db: Db, token: string, password: string, now: Date): Promise<{ user: User; session: { secret: string; expiresAt: Date } }> {
  if (!(await findSignInLink(db, token, now))) throw unusableLink();
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const link = await findSignInLink(tx, token, now);
    if (!link || !(await consumeSignInLink(tx, token))) throw unusableLink();
    const user = await setPasswordHash(tx, link.user.id, passwordHash);
    return { user, session: await createSession(tx, user.id, now) };
  });
}
