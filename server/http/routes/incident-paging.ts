import { Hono } from 'hono';
import { reassignIncidentRequest, snoozeIncidentRequest } from '../../../shared/api/incident-paging';
import { userActor } from '../../services/incidents/actor';
import { reassignIncident } from '../../services/incidents/reassign-incident';
import { reopenIncident } from '../../services/incidents/reopen-incident';
import { snoozeIncident } from '../../services/incidents/snooze-incident';
import { currentUser, requireRole } from '../auth';
import type { AppEnv } from '../env';
import { valid } from '../validate';

/** Changing who is paged for an incident and when: reassign, snooze, reopen. */
export const incidentPagingRoutes = new Hono<AppEnv>()
  .post('/incidents/:id/reassign', requireRole('responder'), valid('json', reassignIncidentRequest), async (c) =>
    c.json(await reassignIncident(c.var.deps, c.req.param('id'), c.req.valid('json'), userActor(currentUser(c)))),
  )
  .post('/incidents/:id/snooze', requireRole('responder'), valid('json', snoozeIncidentRequest), async (c) =>
    c.json(await snoozeIncident(c.var.deps, c.req.param('id'), c.req.valid('json').minutes, userActor(currentUser(c)))),
  )
  .post('/incidents/:id/reopen', requireRole('responder'), async (c) =>
    c.json(await reopenIncident(c.var.deps, c.req.param('id'), userActor(currentUser(c)))),
  );
