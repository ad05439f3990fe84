import { Hono } from 'hono';
import { escalationPolicyInput } from '../../../shared/api/paging';
import { findPolicy, listPolicies } from '../../db/stores/escalation-policies';
import { notFound } from '../../errors';
import { createPolicy } from '../../services/policies/create-policy';
import { deletePolicy } from '../../services/policies/delete-policy';
import { replacePolicy } from '../../services/policies/replace-policy';
import { requireRole } from '../auth';
import type { AppEnv } from '../env';
import { valid } from '../validate';

export const escalationPolicyRoutes = new Hono<AppEnv>()
  .get('/escalation-policies', requireRole('viewer'), async (c) => c.json({ items: await listPolicies(c.var.deps.db) }))
  .post('/escalation-policies', requireRole('admin'), valid('json', escalationPolicyInput), async (c) =>
    c.json(await createPolicy(c.var.deps.db, c.req.valid('json'), c.var.deps.clock.now()), 201),
  )
  .get('/escalation-policies/:id', requireRole('viewer'), async (c) => {
    const policy = await findPolicy(c.var.deps.db, c.req.param('id'));
    if (!policy) throw notFound(`escalation policy ${c.req.param('id')}`);
    return c.json(policy);
  })
  .put('/escalation-policies/:id', requireRole('admin'), valid('json', escalationPolicyInput), async (c) =>
    c.json(await replacePolicy(c.var.deps.db, c.req.param('id'), c.req.valid('json'))),
  )
  .delete('/escalation-policies/:id', requireRole('admin'), async (c) => {
    await deletePolicy(c.var.deps.db, c.req.param('id'));
    return c.body(null, 204);
  });
