import { Hono } from 'hono';
import { setupProgress } from '../../db/stores/setup-progress';
import { currentUser } from '../auth';
import type { AppEnv } from '../env';

export const setupProgressRoutes = new Hono<AppEnv>().get('/setup-progress', async (c) =>
  c.json(await setupProgress(c.var.deps.db, currentUser(c).id)),
);
