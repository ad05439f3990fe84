import { Hono } from 'hono';
import { changePasswordRequest, createTokenRequest, updateProfileRequest } from '../../../shared/api/accounts';
import { notificationRulesBody } from '../../../shared/api/paging';
import { rulesOf } from '../../db/stores/notification-rules';
import { setNotificationRules } from '../../services/notification-rules/set-rules';
import { createApiToken, deleteApiToken, listApiTokens } from '../../db/stores/credentials';
import { notFound } from '../../errors';
import { changePassword } from '../../services/accounts/change-password';
import { updateUser } from '../../db/stores/users';
import { currentUser, setSessionCookie } from '../auth';
import type { AppEnv } from '../env';
import { withSecretShownOnce } from '../idempotency';
import { valid } from '../validate';

export const meRoutes = new Hono<AppEnv>()
  .get('/me', (c) => c.json({ user: currentUser(c) }))
  .patch('/me', valid('json', updateProfileRequest), async (c) => {
    const user = await updateUser(c.var.deps.db, currentUser(c).id, c.req.valid('json'));
    if (!user) throw notFound('user');
    return c.json(user);
  })
  .post('/me/password', valid('json', changePasswordRequest), async (c) => {
    const { db, clock } = c.var.deps;
    const session = await changePassword(db, currentUser(c).id, c.req.valid('json'), clock.now());
    // Signed in by token, the caller keeps using the token; by cookie, this device stays signed in.
    if (c.var.signedInBy === 'session') setSessionCookie(c, session.secret, session.expiresAt);
    return c.body(null, 204);
  })
  .get('/me/tokens', async (c) => c.json({ items: await listApiTokens(c.var.deps.db, currentUser(c).id) }))
  .post('/me/tokens', valid('json', createTokenRequest), async (c) => {
    const { db, clock } = c.var.deps;
    const { token, info } = await createApiToken(db, currentUser(c).id, c.req.valid('json').name, clock.now());
    return withSecretShownOnce(c, { token, ...info }, 'token', 201);
  })
  .delete('/me/tokens/:id', async (c) => {
    if (!(await deleteApiToken(c.var.deps.db, currentUser(c).id, c.req.param('id')))) throw notFound('token');
    return c.body(null, 204);
  })
  .get('/me/notification-rules', async (c) => c.json(await rulesOf(c.var.deps.db, currentUser(c).id)))
  .put('/me/notification-rules', valid('json', notificationRulesBody), async (c) =>
    c.json(await setNotificationRules(c.var.deps.db, currentUser(c).id, c.req.valid('json'))),
  );
