import { Hono } from 'hono';
import { z } from 'zod';
import { id, whyMayNotAct } from '../../../shared/api/common';
import { verifyPageToken } from '../../auth/page-token';
import { findUser } from '../../db/stores/users';
import { ApiError, forbidden } from '../../errors';
import { acknowledgeFromPage } from '../../services/incidents/acknowledge-from-page';
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
  const check = verifyPageToken(pageTokenKey, token, clock.now());
  if (!check.ok) throw new ApiError(401, 'invalid_page_token', `the page token is ${check.reason}; open the app to acknowledge`);
  if (incidentId !== undefined && incidentId !== check.claims.incidentId) throw forbidden('this page token is for another incident');
  // A token lives for hours; rights are checked now, as the API would, so a user demoted or deactivated since the page cannot act.
  const user = await findUser(db, check.claims.userId);
  if (!user) throw forbidden('the paged user no longer exists');
  const whyNot = whyMayNotAct(user);
  if (whyNot) throw forbidden(`the paged user ${whyNot}`);
  return c.json(await acknowledgeFromPage(c.var.deps, check.claims.incidentId, user));
});
