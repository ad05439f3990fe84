import { Hono } from 'hono';
import { sql } from 'drizzle-orm';
import type { AppEnv } from '../env';
import { errorResponse } from '../../errors';

export const healthRoutes = new Hono<AppEnv>().get('/healthz', (c) => {
  try {
    c.var.deps.db.get(sql`select 1`);
    return c.json({ status: 'ok' });
  } catch (err) {
    console.error('Health check failed', err);
    return errorResponse(c, 503, 'unavailable', 'the database does not answer');
  }
});
