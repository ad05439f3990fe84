import { Hono } from 'hono';
import { createUserRequest, updateUserRequest } from '../../../shared/api/accounts';
import { hashPassword } from '../../auth/password';
import { listUsers, updateUser } from '../../db/stores/users';
import { createUser } from '../../services/accounts/create-user';
import { conflict, notFound } from '../../errors';
import { currentUser, requireRole } from '../auth';
import type { AppEnv } from '../env';
import { valid } from '../validate';

export const userRoutes = new Hono<AppEnv>()
  .get('/users', requireRole('viewer'), async (c) => c.json({ items: await listUsers(c.var.deps.db) }))
  .post('/users', requireRole('admin'), valid('json', createUserRequest), async (c) => {
    const { db, clock } = c.var.deps;
    return c.json(await createUser(db, c.req.valid('json'), clock.now()), 201);
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
  });
