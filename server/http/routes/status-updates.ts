import { Hono } from 'hono';
import { followRequest, statusUpdateRequest } from '../../../shared/api/incidents';
import { followService } from '../../services/catalog/follow-service';
import { unfollowService } from '../../services/catalog/unfollow-service';
import { userActor } from '../../services/incidents/actor';
import { followIncident } from '../../services/incidents/follow-incident';
import { postStatusUpdate } from '../../services/incidents/post-status-update';
import { unfollowIncident } from '../../services/incidents/unfollow-incident';
import { currentUser, requireRole } from '../auth';
import type { AppEnv } from '../env';
import { valid } from '../validate';

/** Status updates, and following an incident or a whole service to receive them. Viewers (stakeholders) may follow. */
export const statusUpdateRoutes = new Hono<AppEnv>()
  .post('/incidents/:id/status-updates', requireRole('responder'), valid('json', statusUpdateRequest), async (c) =>
    c.json(await postStatusUpdate(c.var.deps, c.req.param('id'), c.req.valid('json'), userActor(currentUser(c))), 201),
  )
  .post('/incidents/:id/follow', requireRole('viewer'), valid('json', followRequest), async (c) =>
    c.json(await followIncident(c.var.deps, c.req.param('id'), currentUser(c).id, c.req.valid('json').viaContactMethods ?? false)),
  )
  .delete('/incidents/:id/follow', requireRole('viewer'), async (c) => c.json(await unfollowIncident(c.var.deps, c.req.param('id'), currentUser(c).id)))
  .post('/services/:id/follow', requireRole('viewer'), valid('json', followRequest), async (c) =>
    c.json(await followService(c.var.deps, c.req.param('id'), currentUser(c).id, c.req.valid('json').viaContactMethods ?? false)),
  )
  .delete('/services/:id/follow', requireRole('viewer'), async (c) => c.json(await unfollowService(c.var.deps, c.req.param('id'), currentUser(c).id)));
