import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { createHeartbeatRequest, createMaintenanceRequest, type ServiceSetup } from '../../../shared/api/detection';
import { recentAlertsOfService, toAlert } from '../../db/stores/alerts';
import { changesOfService, toChangeEvent } from '../../db/stores/change-events';
import { deleteHeartbeat, findHeartbeat, heartbeatsOfService, toHeartbeat } from '../../db/stores/heartbeats';
import { currentAndUpcomingWindows } from '../../db/stores/maintenance-windows';
import { findService } from '../../db/stores/services';
import { notFound } from '../../errors';
import { createHeartbeat } from '../../services/heartbeats/create-heartbeat';
import { recentChangesWindowMs } from '../../services/incidents/incident-detail';
import { endMaintenance } from '../../services/maintenance/end-maintenance';
import { startMaintenance } from '../../services/maintenance/start-maintenance';
import { currentUser, requireRole } from '../auth';
import type { AppEnv } from '../env';
import { valid } from '../validate';

/** Where monitoring tools and jobs reach this Muster: PUBLIC_URL, else the address this request came to. */
const baseUrl = (c: Context<AppEnv>) => (c.var.deps.publicUrl ?? new URL(c.req.url).origin).replace(/\/+$/, '');

async function serviceOf(c: Context<AppEnv>) {
  const service = await findService(c.var.deps.db, c.req.param('id')!);
  if (!service) throw notFound(`service ${c.req.param('id')}`);
  return service;
}

const limitQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });

/** What a service's screen shows about detection: setup, heartbeats, maintenance, alerts and changes. */
export const serviceDetectionRoutes = new Hono<AppEnv>()
  .get('/services/:id/setup', requireRole('viewer'), async (c) => {
    await serviceOf(c);
    return c.json({ publicUrl: baseUrl(c) } satisfies ServiceSetup);
  })
  .get('/services/:id/heartbeats', requireRole('viewer'), async (c) => {
    const service = await serviceOf(c);
    return c.json({ items: (await heartbeatsOfService(c.var.deps.db, service.id)).map((row) => toHeartbeat(row, baseUrl(c))) });
  })
  .post('/services/:id/heartbeats', requireRole('admin'), valid('json', createHeartbeatRequest), async (c) => {
    const row = await createHeartbeat(c.var.deps.db, c.req.param('id'), c.req.valid('json'), c.var.deps.clock.now());
    return c.json(toHeartbeat(row, baseUrl(c)), 201);
  })
  .get('/services/:id/heartbeats/:heartbeatId', requireRole('viewer'), async (c) => {
    const row = await findHeartbeat(c.var.deps.db, c.req.param('id'), c.req.param('heartbeatId'));
    if (!row) throw notFound(`heartbeat ${c.req.param('heartbeatId')}`);
    return c.json(toHeartbeat(row, baseUrl(c)));
  })
  .delete('/services/:id/heartbeats/:heartbeatId', requireRole('admin'), async (c) => {
    const row = await findHeartbeat(c.var.deps.db, c.req.param('id'), c.req.param('heartbeatId'));
    if (!row) throw notFound(`heartbeat ${c.req.param('heartbeatId')}`);
    await deleteHeartbeat(c.var.deps.db, row.id);
    return c.body(null, 204);
  })
  .get('/services/:id/maintenance', requireRole('viewer'), async (c) => {
    const service = await serviceOf(c);
    return c.json({ items: await currentAndUpcomingWindows(c.var.deps.db, service.id, c.var.deps.clock.now()) });
  })
  .post('/services/:id/maintenance', requireRole('responder'), valid('json', createMaintenanceRequest), async (c) => {
    const { db, clock } = c.var.deps;
    return c.json(await startMaintenance(db, c.req.param('id'), c.req.valid('json'), currentUser(c), clock.now()), 201);
  })
  .delete('/services/:id/maintenance/:windowId', requireRole('responder'), async (c) => {
    await endMaintenance(c.var.deps.db, c.req.param('id'), c.req.param('windowId'), c.var.deps.clock.now());
    return c.body(null, 204);
  })
  .get('/services/:id/alerts', requireRole('viewer'), valid('query', limitQuery), async (c) => {
    const service = await serviceOf(c);
    return c.json({ items: (await recentAlertsOfService(c.var.deps.db, service.id, c.req.valid('query').limit)).map(toAlert) });
  })
  .get('/services/:id/changes', requireRole('viewer'), async (c) => {
    const service = await serviceOf(c);
    const now = c.var.deps.clock.now();
    const rows = await changesOfService(c.var.deps.db, service.id, new Date(now.getTime() - recentChangesWindowMs), now, 50);
    return c.json({ items: rows.map(toChangeEvent) });
  });
