import { Hono } from 'hono';
import { createTokenRequest } from '../../../shared/api/accounts';
import { createApiToken, deleteApiToken, listApiTokens } from '../../db/stores/credentials';
import { notFound } from '../../errors';
import { currentUser } from '../auth';
import type { AppEnv } from '../env';
import { valid } from '../validate';

export const meRoutes = new Hono<AppEnv>()
  .get('/me', (c) => c.json({ user: currentUser(c) }))
  .get('/me/tokens', (c) => c.json({ items: listApiTokens(c.var.deps.db, currentUser(c).id) }))
  .post('/me/tokens', valid('json', createTokenRequest), (c) => {
    const { db, clock } = c.var.deps;
    const { token, info } = createApiToken(db, currentUser(c).id, c.req.valid('json').name, clock.now());
    // The token itself is shown this once; only its hash is kept.
    return c.json({ token, ...info }, 201);
  })
  .delete('/me/tokens/:id', (c) => {
    if (!deleteApiToken(c.var.deps.db, currentUser(c).id, c.req.param('id'))) throw notFound('token');
    return c.body(null, 204);
  });
