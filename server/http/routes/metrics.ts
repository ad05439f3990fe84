import { Hono } from 'hono';
import { metricsQuery } from '../../../shared/api/metrics';
import { incidentMetrics } from '../../services/metrics/incident-metrics';
import { requireRole } from '../auth';
import type { AppEnv } from '../env';
import { valid } from '../validate';

export const metricsRoutes = new Hono<AppEnv>().get('/metrics', requireRole('viewer'), valid('query', metricsQuery), async (c) =>
  c.json(await incidentMetrics(c.var.deps, c.req.valid('query'))),
);
