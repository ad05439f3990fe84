import { Hono } from 'hono';
import { createServiceRequest, updateServiceRequest } from '../../../shared/api/services';
import { defaultSeverityMapping } from '../../../shared/domain/alert-severity';
import { randomAlphanumeric, sha256 } from '../../auth/secrets';
import { findPolicyRow } from '../../db/stores/escalation-policies';
import { findService, insertService, listServices, toService, updateService } from '../../db/stores/services';
import { findTeam } from '../../db/stores/teams';
import { notFound } from '../../errors';
import { deleteService } from '../../services/catalog/delete-service';
import { currentUser, requireRole } from '../auth';
import { serviceFollow } from '../../db/stores/followers';
import { withSecretShownOnce } from '../idempotency';
import type { AppEnv } from '../env';
import type { Db } from '../../db/client';
import { valid } from '../validate';

/**
 * PagerDuty routing keys are 32 characters; monitoring tools validate that length. Only the hash is kept, so
 * the key is in the one answer that made it, like an API token.
 */
function newIntegrationKey() {
  const integrationKey = randomAlphanumeric(32);
  return { integrationKey, integrationKeyHash: sha256(integrationKey) };
}

async function assertReferencesExist(db: Db, body: { teamId?: string | null; escalationPolicyId?: string | null }) {
  if (body.teamId && !(await findTeam(db, body.teamId))) throw notFound(`team ${body.teamId}`);
  if (body.escalationPolicyId && !(await findPolicyRow(db, body.escalationPolicyId))) {
    throw notFound(`escalation policy ${body.escalationPolicyId}`);
  }
}

export const serviceRoutes = new Hono<AppEnv>()
  .get('/services', requireRole('viewer'), async (c) => c.json({ items: (await listServices(c.var.deps.db)).map(toService) }))
  .get('/services/:id', requireRole('viewer'), async (c) => {
    const row = await findService(c.var.deps.db, c.req.param('id'));
    if (!row) throw notFound(`service ${c.req.param('id')}`);
    return c.json({ ...toService(row), following: (await serviceFollow(c.var.deps.db, row.id, currentUser(c).id)) !== undefined });
  })
  .post('/services', requireRole('admin'), valid('json', createServiceRequest), async (c) => {
    const { db, clock } = c.var.deps;
    const body = c.req.valid('json');
    await assertReferencesExist(db, body);
    const { integrationKey, integrationKeyHash } = newIntegrationKey();
    const row = await insertService(db, {
      id: crypto.randomUUID(),
      name: body.name,
      description: body.description ?? null,
      teamId: body.teamId ?? null,
      escalationPolicyId: body.escalationPolicyId ?? null,
      severityMapping: body.severityMapping ? { ...defaultSeverityMapping, ...body.severityMapping } : null,
      stormThreshold: body.stormThreshold,
      integrationKeyHash,
      createdAt: clock.now(),
    });
    return withSecretShownOnce(c, { ...toService(row), integrationKey }, 'integrationKey', 201);
  })
  .patch('/services/:id', requireRole('admin'), valid('json', updateServiceRequest), async (c) => {
    const { db } = c.var.deps;
    const { severityMapping, archived, ...body } = c.req.valid('json');
    await assertReferencesExist(db, body);
    const row = await db.transaction(async (tx) => {
      const current = await findService(tx, c.req.param('id'));
      if (!current) throw notFound(`service ${c.req.param('id')}`);
      // A partial mapping changes only the severities it names.
      const mapping = severityMapping && { ...defaultSeverityMapping, ...current.severityMapping, ...severityMapping };
      // Archiving again keeps the first date.
      const archivedAt = archived === undefined ? undefined : archived ? (current.archivedAt ?? c.var.deps.clock.now()) : null;
      return updateService(tx, current.id, { ...body, ...(mapping && { severityMapping: mapping }), ...(archivedAt !== undefined && { archivedAt }) });
    });
    if (archived) c.var.deps.integrationKeys.forgetService(row!.id);
    return c.json(toService(row!));
  })
  .delete('/services/:id', requireRole('admin'), async (c) => {
    await deleteService(c.var.deps.db, c.req.param('id'));
    c.var.deps.integrationKeys.forgetService(c.req.param('id'));
    return c.body(null, 204);
  })
  .post('/services/:id/rotate-key', requireRole('admin'), async (c) => {
    const { integrationKey, integrationKeyHash } = newIntegrationKey();
    const row = await updateService(c.var.deps.db, c.req.param('id'), { integrationKeyHash });
    if (!row) throw notFound(`service ${c.req.param('id')}`);
    c.var.deps.integrationKeys.forgetService(row.id);
    return withSecretShownOnce(c, { ...toService(row), integrationKey }, 'integrationKey', 200);
  });
