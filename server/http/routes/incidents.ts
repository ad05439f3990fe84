import { Hono, type Context } from 'hono';
import { addNoteRequest, createIncidentRequest, listIncidentsQuery, movePhaseRequest, updateIncidentRequest } from '../../../shared/api/incidents';
import { userActor } from '../../services/incidents/actor';
import { addNote } from '../../services/incidents/add-note';
import { changeIncidentStatus } from '../../services/incidents/change-status';
import { createIncident } from '../../services/incidents/create-incident';
import { editIncident } from '../../services/incidents/edit-incident';
import { escalateIncident } from '../../services/incidents/escalate-incident';
import { incidentDetail } from '../../services/incidents/incident-detail';
import { mitigateIncident } from '../../services/incidents/mitigate-incident';
import { moveIncidentPhase } from '../../services/incidents/move-phase';
import { listIncidents } from '../../services/incidents/list-incidents';
import { currentUser, requireRole } from '../auth';
import type { AppEnv } from '../env';
import { valid } from '../validate';

const actorOf = (c: Context<AppEnv>) => userActor(currentUser(c));

export const incidentRoutes = new Hono<AppEnv>()
  .get('/incidents', requireRole('viewer'), valid('query', listIncidentsQuery), async (c) => {
    const { cursor, pagedUser, involvedUser, ...filter } = c.req.valid('query');
    const userId = (named: string | undefined) => (named === 'me' ? currentUser(c).id : named);
    const position = cursor === undefined ? {} : filter.sort === 'triage' ? { offset: Number(cursor) } : { before: Number(cursor) };
    return c.json(
      await listIncidents(c.var.deps.db, { ...filter, ...position, pagedUserId: userId(pagedUser), involvedUserId: userId(involvedUser) }),
    );
  })
  .post('/incidents', requireRole('responder'), valid('json', createIncidentRequest), async (c) =>
    c.json(await createIncident(c.var.deps, c.req.valid('json'), actorOf(c)), 201),
  )
  .get('/incidents/:id', requireRole('viewer'), async (c) => c.json(await incidentDetail(c.var.deps.db, c.req.param('id'), currentUser(c).id)))
  .patch('/incidents/:id', requireRole('responder'), valid('json', updateIncidentRequest), async (c) =>
    c.json(await editIncident(c.var.deps, c.req.param('id'), c.req.valid('json'), actorOf(c))),
  )
  .post('/incidents/:id/acknowledge', requireRole('responder'), async (c) =>
    c.json(await changeIncidentStatus(c.var.deps, c.req.param('id'), 'acknowledge', actorOf(c))),
  )
  .post('/incidents/:id/resolve', requireRole('responder'), async (c) =>
    c.json(await changeIncidentStatus(c.var.deps, c.req.param('id'), 'resolve', actorOf(c))),
  )
  .post('/incidents/:id/escalate', requireRole('responder'), async (c) =>
    c.json(await escalateIncident(c.var.deps, c.req.param('id'), actorOf(c))),
  )
  .post('/incidents/:id/notes', requireRole('responder'), valid('json', addNoteRequest), async (c) =>
    c.json(await addNote(c.var.deps, c.req.param('id'), c.req.valid('json').text, actorOf(c)), 201),
  )
  .post('/incidents/:id/phase', requireRole('responder'), valid('json', movePhaseRequest), async (c) =>
    c.json(await moveIncidentPhase(c.var.deps, c.req.param('id'), c.req.valid('json').phase, actorOf(c))),
  )
  .post('/incidents/:id/mitigate', requireRole('responder'), async (c) =>
    c.json(await mitigateIncident(c.var.deps, c.req.param('id'), actorOf(c))),
  );
