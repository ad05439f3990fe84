import { Hono } from 'hono';
import { escalationPolicyInput, type EscalationPolicyInput } from '../../../shared/api/paging';
import type { Tx } from '../../db/client';
import { deletePolicy, findPolicy, insertPolicy, listPolicies, replacePolicy } from '../../db/stores/escalation-policies';
import { findScheduleRow } from '../../db/stores/schedules';
import { findUser } from '../../db/stores/users';
import { badRequest, conflict, notFound } from '../../errors';
import { requireRole } from '../auth';
import type { AppEnv } from '../env';
import { valid } from '../validate';

/** Every target must exist, so a typo cannot leave a step that pages nobody. */
function assertTargetsExist(tx: Tx, input: EscalationPolicyInput): void {
  input.steps.forEach((step, index) =>
    step.targets.forEach((target) => {
      const exists = target.type === 'user' ? findUser(tx, target.id) : findScheduleRow(tx, target.id);
      if (!exists) throw badRequest(`steps.${index}.targets: no ${target.type} with id ${target.id}`);
    }),
  );
}

export const escalationPolicyRoutes = new Hono<AppEnv>()
  .get('/escalation-policies', requireRole('viewer'), (c) => c.json({ items: listPolicies(c.var.deps.db) }))
  .post('/escalation-policies', requireRole('admin'), valid('json', escalationPolicyInput), (c) => {
    const { db, clock } = c.var.deps;
    const input = c.req.valid('json');
    const policy = db.transaction((tx) => {
      assertTargetsExist(tx, input);
      return insertPolicy(tx, input, clock.now());
    });
    return c.json(policy, 201);
  })
  .get('/escalation-policies/:id', requireRole('viewer'), (c) => {
    const policy = findPolicy(c.var.deps.db, c.req.param('id'));
    if (!policy) throw notFound(`escalation policy ${c.req.param('id')}`);
    return c.json(policy);
  })
  .put('/escalation-policies/:id', requireRole('admin'), valid('json', escalationPolicyInput), (c) => {
    const input = c.req.valid('json');
    const policy = c.var.deps.db.transaction((tx) => {
      assertTargetsExist(tx, input);
      return replacePolicy(tx, c.req.param('id'), input);
    });
    if (!policy) throw notFound(`escalation policy ${c.req.param('id')}`);
    return c.json(policy);
  })
  .delete('/escalation-policies/:id', requireRole('admin'), (c) => {
    const id = c.req.param('id');
    c.var.deps.db.transaction((tx) => {
      const policy = findPolicy(tx, id);
      if (!policy) throw notFound(`escalation policy ${id}`);
      if (policy.serviceIds.length > 0) {
        throw conflict(`escalation policy ${policy.name} is used by ${policy.serviceIds.length} service(s); point them elsewhere first`);
      }
      deletePolicy(tx, id);
    });
    return c.body(null, 204);
  });
