import { Hono } from 'hono';
import { sql } from 'drizzle-orm';
import type { AppEnv } from '../env';
import { errorResponse } from '../../errors';

export const healthRoutes = new Hono<AppEnv>().get('/healthz', async (c) => {
  const { db } = c.var.deps;
  try {
    await db.raw(db, sql`select 1`);
    return c.json({ status: 'ok', backend: db.backend });
  } catch (err) {
    console.error('Health check failed', err);
    return errorResponse(c, 503, 'unavailable', 'the database does not answer');
  }
});
