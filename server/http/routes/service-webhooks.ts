import { Hono } from 'hono';
import { createServiceWebhookRequest } from '../../../shared/api/service-webhooks';
import { createServiceWebhook } from '../../services/service-webhooks/create-service-webhook';
import { deleteServiceWebhook } from '../../services/service-webhooks/delete-service-webhook';
import { listServiceWebhooks } from '../../services/service-webhooks/list-service-webhooks';
import { requireRole } from '../auth';
import type { AppEnv } from '../env';
import { valid } from '../validate';

/** A service's outgoing event webhooks. Admins only: a chat hook's URL is itself a credential. */
export const serviceWebhookRoutes = new Hono<AppEnv>()
  .get('/services/:id/webhooks', requireRole('admin'), async (c) => c.json({ items: await listServiceWebhooks(c.var.deps.db, c.req.param('id')) }))
  .post('/services/:id/webhooks', requireRole('admin'), valid('json', createServiceWebhookRequest), async (c) =>
    c.json(await createServiceWebhook(c.var.deps, c.req.param('id'), c.req.valid('json')), 201),
  )
  .delete('/services/:id/webhooks/:webhookId', requireRole('admin'), async (c) => {
    await deleteServiceWebhook(c.var.deps.db, c.req.param('id'), c.req.param('webhookId'));
    return c.body(null, 204);
  });
