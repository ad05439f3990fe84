import { Hono } from 'hono';
import { createServiceRequest, updateServiceRequest } from '../../../shared/api/services';
import { randomAlphanumeric } from '../../auth/secrets';
import { findPolicyRow } from '../../db/stores/escalation-policies';
import { findService, insertService, listServices, toService, updateService } from '../../db/stores/services';
import { findTeam } from '../../db/stores/teams';
import { notFound } from '../../errors';
import { currentUser, requireRole } from '../auth';
import type { AppEnv } from '../env';
import type { Db } from '../../db/client';
import { valid } from '../validate';

/** PagerDuty routing keys are 32 characters; monitoring tools validate that length. */
const newIntegrationKey = () => randomAlphanumeric(32);

function assertReferencesExist(db: Db, body: { teamId?: string | null; escalationPolicyId?: string | null }) {
  if (body.teamId && !findTeam(db, body.teamId)) throw notFound(`team ${body.teamId}`);
  if (body.escalationPolicyId && !findPolicyRow(db, body.escalationPolicyId)) {
    throw notFound(`escalation policy ${body.escalationPolicyId}`);
  }
}

export const serviceRoutes = new Hono<AppEnv>()
  .get('/services', requireRole('viewer'), (c) => {
    const isAdmin = currentUser(c).role === 'admin';
    return c.json({ items: listServices(c.var.deps.db).map((row) => toService(row, isAdmin)) });
  })
  .get('/services/:id', requireRole('viewer'), (c) => {
    const row = findService(c.var.deps.db, c.req.param('id'));
    if (!row) throw notFound(`service ${c.req.param('id')}`);
    return c.json(toService(row, currentUser(c).role === 'admin'));
  })
  .post('/services', requireRole('admin'), valid('json', createServiceRequest), (c) => {
    const { db, clock } = c.var.deps;
    const body = c.req.valid('json');
    assertReferencesExist(db, body);
    const row = insertService(db, {
      id: crypto.randomUUID(),
      name: body.name,
      description: body.description ?? null,
      teamId: body.teamId ?? null,
      escalationPolicyId: body.escalationPolicyId ?? null,
      integrationKey: newIntegrationKey(),
      createdAt: clock.now(),
    });
    return c.json(toService(row, true), 201);
  })
  .patch('/services/:id', requireRole('admin'), valid('json', updateServiceRequest), (c) => {
    const { db } = c.var.deps;
    const body = c.req.valid('json');
    assertReferencesExist(db, body);
    const row = updateService(db, c.req.param('id'), body);
    if (!row) throw notFound(`service ${c.req.param('id')}`);
    return c.json(toService(row, true));
  })
  .post('/services/:id/rotate-key', requireRole('admin'), (c) => {
    const row = updateService(c.var.deps.db, c.req.param('id'), { integrationKey: newIntegrationKey() });
    if (!row) throw notFound(`service ${c.req.param('id')}`);
    return c.json(toService(row, true));
  });
