import { Hono, type Context } from 'hono';
import { createUserRequest, updateUserRequest, type SignInLink } from '../../../shared/api/accounts';
import { hashPassword } from '../../auth/password';
import { listUsers, updateUser } from '../../db/stores/users';
import { createUser } from '../../services/accounts/create-user';
import { issueSignInLink } from '../../services/accounts/sign-in-links';
import { conflict, notFound } from '../../errors';
import { currentUser, requireRole } from '../auth';
import type { AppEnv } from '../env';
import { withSecretShownOnce } from '../idempotency';
import { appOrigin } from '../request-origin';
import { valid } from '../validate';

async function newSignInLink(c: Context<AppEnv>, userId: string): Promise<SignInLink> {
  const { token, purpose, expiresAt } = await issueSignInLink(c.var.deps.db, userId, c.var.deps.clock.now());
  return { url: `${appOrigin(c)}/welcome/${token}`, purpose, expiresAt: expiresAt.toISOString() };
}

export const userRoutes = new Hono<AppEnv>()
  .get('/users', requireRole('viewer'), async (c) => c.json({ items: await listUsers(c.var.deps.db) }))
  .post('/users', requireRole('admin'), valid('json', createUserRequest), async (c) => {
    const { db, clock } = c.var.deps;
    const body = c.req.valid('json');
    const user = await createUser(db, body, clock.now());
    if (body.password !== undefined) return c.json(user, 201);
    // Shown once, like an API token: a replay of the request answers without it.
    return withSecretShownOnce(c, { ...user, signInLink: await newSignInLink(c, user.id) }, 'signInLink', 201);
  })
  .patch('/users/:id', requireRole('admin'), valid('json', updateUserRequest), async (c) => {
    const { password, ...changes } = c.req.valid('json');
    const id = c.req.param('id');
    const demotingSelf = id === currentUser(c).id && (changes.active === false || (changes.role && changes.role !== 'admin'));
    if (demotingSelf) throw conflict('you cannot deactivate or demote yourself; ask another admin');
    const passwordHash = password === undefined ? undefined : await hashPassword(password);
    const user = await updateUser(c.var.deps.db, id, { ...changes, ...(passwordHash && { passwordHash }) });
    if (!user) throw notFound(`user ${id}`);
    return c.json(user);
  })
  .post('/users/:id/sign-in-link', requireRole('admin'), async (c) => {
    const link = await newSignInLink(c, c.req.param('id'));
    return withSecretShownOnce(c, { ...link }, 'url', 201);
  });
