import { Hono, type Context } from 'hono';
import { createContactMethodRequest, verifyContactMethodRequest } from '../../../shared/api/contact-methods';
import type { Role } from '../../../shared/api/common';
import { toContactMethod } from '../../db/stores/contact-methods';
import { listContactMethods } from '../../services/contact-methods/list-contact-methods';
import { createContactMethod } from '../../services/contact-methods/create-contact-method';
import { deleteContactMethod } from '../../services/contact-methods/delete-contact-method';
import { testContactMethod } from '../../services/contact-methods/test-contact-method';
import { verifyContactMethod } from '../../services/contact-methods/verify-contact-method';
import { currentUser, requireRole } from '../auth';
import type { AppEnv } from '../env';
import { appOrigin } from '../request-origin';
import { valid } from '../validate';

/** The same endpoints twice: everyone's own under /me, anyone's under /users/:userId for admins. */
function contactMethodRoutesAt(base: string, role: Role, ownerOf: (c: Context<AppEnv>) => string) {
  return new Hono<AppEnv>()
    .get(base, requireRole(role), async (c) => {
      const rows = await listContactMethods(c.var.deps.db, ownerOf(c));
      return c.json({ items: rows.map(toContactMethod) });
    })
    .post(base, requireRole(role), valid('json', createContactMethodRequest), async (c) => {
      const row = await createContactMethod(c.var.deps, ownerOf(c), c.req.valid('json'));
      return c.json(toContactMethod(row), 201);
    })
    .delete(`${base}/:id`, requireRole(role), async (c) => {
      await deleteContactMethod(c.var.deps.db, ownerOf(c), c.req.param('id'));
      return c.body(null, 204);
    })
    .post(`${base}/:id/verify`, requireRole(role), valid('json', verifyContactMethodRequest), async (c) => {
      const { db, clock } = c.var.deps;
      const row = await verifyContactMethod(db, ownerOf(c), c.req.param('id'), c.req.valid('json').code, clock.now());
      return c.json(toContactMethod(row));
    })
    .post(`${base}/:id/test`, requireRole(role), async (c) => c.json(await testContactMethod(c.var.deps, ownerOf(c), c.req.param('id'), appOrigin(c))));
}

export const contactMethodRoutes = new Hono<AppEnv>()
  .route('/', contactMethodRoutesAt('/me/contact-methods', 'viewer', (c) => currentUser(c).id))
  .route('/', contactMethodRoutesAt('/users/:userId/contact-methods', 'admin', (c) => c.req.param('userId')!));
