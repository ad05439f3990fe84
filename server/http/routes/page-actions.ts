import { Hono } from 'hono';
import { z } from 'zod';
import { id } from '../../../shared/api/common';
import { forbidden } from '../../errors';
import { acknowledgeFromPage } from '../../services/incidents/acknowledge-from-page';
import { pageTokenHolder } from '../../services/incidents/page-token-user';
import type { AppEnv } from '../env';
import { valid } from '../validate';

const pageActionRequest = z.object({
  token: z.string().min(1).max(2048),
  /** The incident the notification showed; a token for another incident is refused. */
  incidentId: id.optional(),
});

/** Actions from a notification on a locked phone: no session, the page's signed token instead. */
export const pageActionRoutes = new Hono<AppEnv>().post('/page-actions/acknowledge', valid('json', pageActionRequest), async (c) => {
  const { db, clock, pageTokenKey } = c.var.deps;
  const { token, incidentId } = c.req.valid('json');
  const holder = await pageTokenHolder(db, pageTokenKey, token, clock.now());
  if (incidentId !== undefined && incidentId !== holder.incidentId) throw forbidden('this page token is for another incident');
  return c.json(await acknowledgeFromPage(c.var.deps, holder.incidentId, holder.user));
});
