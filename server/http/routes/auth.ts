import { Hono } from 'hono';
import { loginRequest, redeemSignInLinkRequest, setupRequest, type SetupStatus, type SignInLinkInfo } from '../../../shared/api/accounts';
import { LoginThrottle } from '../../auth/login-throttle';
import { decoyHash, verifyPassword } from '../../auth/password';
import { createSession, deleteSession } from '../../db/stores/credentials';
import { countUsers, findUserByEmail, toUser } from '../../db/stores/users';
import { createFirstAdmin } from '../../services/accounts/create-user';
import { redeemSignInLink, unusableLink } from '../../services/accounts/sign-in-links';
import { findSignInLink } from '../../db/stores/sign-in-links';
import { ApiError, forbidden, tooManyRequests } from '../../errors';
import { clearSessionCookie, sessionCookie, setSessionCookie } from '../auth';
import { clientAddress } from '../client-address';
import type { AppEnv } from '../env';
import { valid } from '../validate';
import { getCookie } from 'hono/cookie';

export function authRoutes(throttle = new LoginThrottle()) {
  return new Hono<AppEnv>()
    .post('/auth/login', valid('json', loginRequest), async (c) => {
      const { db, clock } = c.var.deps;
      const { email, password } = c.req.valid('json');
      const address = clientAddress(c);
      const wait = throttle.attempt(email, address, clock.now().getTime());
      if (wait > 0) throw tooManyRequests(wait, `too many failed sign-ins from this address; try again in ${wait} s`);

      const row = await findUserByEmail(db, email);
      const matches = await verifyPassword(password, row?.passwordHash || (await decoyHash));
      if (!row || !matches || !row.active) {
        throw new ApiError(401, 'invalid_credentials', 'wrong email or password, or the account is deactivated');
      }
      throttle.recordSuccess(email, address);
      const session = await createSession(db, row.id, clock.now());
      setSessionCookie(c, session.secret, session.expiresAt);
      return c.json({ user: toUser(row) });
    })
    .post('/auth/logout', async (c) => {
      const secret = getCookie(c, sessionCookie);
      if (secret) await deleteSession(c.var.deps.db, secret);
      clearSessionCookie(c);
      return c.body(null, 204);
    })
    .get('/auth/sign-in-links/:token', async (c) => {
      const link = await findSignInLink(c.var.deps.db, c.req.param('token'), c.var.deps.clock.now());
      if (!link) throw unusableLink();
      const { email, name } = link.user;
      return c.json<SignInLinkInfo>({ email, name, purpose: link.purpose, expiresAt: link.expiresAt.toISOString() });
    })
    .post('/auth/sign-in-links/:token', valid('json', redeemSignInLinkRequest), async (c) => {
      const { db, clock } = c.var.deps;
      const { user, session } = await redeemSignInLink(db, c.req.param('token'), c.req.valid('json').password, clock.now());
      setSessionCookie(c, session.secret, session.expiresAt);
      return c.json({ user });
    })
    .get('/setup', async (c) => c.json<SetupStatus>({ needed: (await countUsers(c.var.deps.db)) === 0 }))
    .post('/setup', valid('json', setupRequest), async (c) => {
      const { db, clock } = c.var.deps;
      const user = await createFirstAdmin(db, c.req.valid('json'), clock.now());
      if (!user) throw forbidden('setup is closed: Muster already has users; ask an admin for an account');
      const session = await createSession(db, user.id, clock.now());
      setSessionCookie(c, session.secret, session.expiresAt);
      return c.json({ user }, 201);
    });
}
