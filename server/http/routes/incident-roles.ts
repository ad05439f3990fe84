import { Hono, type Context } from 'hono';
import { addRespondersRequest, setRolesRequest, tickChecklistRequest } from '../../../shared/api/incident-roles';
import { userActor } from '../../services/incidents/actor';
import { addResponders } from '../../services/command/add-responders';
import { setRoles } from '../../services/command/set-roles';
import { tickChecklist } from '../../services/command/tick-checklist';
import { currentUser, requireRole } from '../auth';
import type { AppEnv } from '../env';
import { valid } from '../validate';

const actorOf = (c: Context<AppEnv>) => userActor(currentUser(c));

/** Incident roles, their checklists, and paging more people in. */
export const incidentRoleRoutes = new Hono<AppEnv>()
  .put('/incidents/:id/roles', requireRole('responder'), valid('json', setRolesRequest), async (c) =>
    c.json(await setRoles(c.var.deps, c.req.param('id'), c.req.valid('json'), actorOf(c))),
  )
  .post('/incidents/:id/checklist', requireRole('responder'), valid('json', tickChecklistRequest), async (c) =>
    c.json(await tickChecklist(c.var.deps, c.req.param('id'), c.req.valid('json'), actorOf(c))),
  )
  .post('/incidents/:id/responders', requireRole('responder'), valid('json', addRespondersRequest), async (c) =>
    c.json(await addResponders(c.var.deps, c.req.param('id'), c.req.valid('json'), actorOf(c))),
  );
