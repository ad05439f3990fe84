import { Hono } from 'hono';
import { addNoteRequest, createIncidentRequest, listIncidentsQuery, updateIncidentRequest } from '../../../shared/api/incidents';
import { listIncidents } from '../../db/stores/incidents';
import { userActor } from '../../services/incidents/actor';
import { addNote } from '../../services/incidents/add-note';
import { changeIncidentStatus, type StatusCommand } from '../../services/incidents/change-status';
import { createIncident } from '../../services/incidents/create-incident';
import { editIncident } from '../../services/incidents/edit-incident';
import { incidentDetail } from '../../services/incidents/incident-detail';
import { currentUser, requireRole } from '../auth';
import type { AppEnv } from '../env';
import { valid } from '../validate';

const statusCommand = (command: StatusCommand) =>
  [
    requireRole('responder'),
    (c: import('hono').Context<AppEnv>) => {
      const { db, clock } = c.var.deps;
      const incident = changeIncidentStatus(db, c.req.param('id')!, command, userActor(currentUser(c)), clock.now());
      return c.json(incident);
    },
  ] as const;

export const incidentRoutes = new Hono<AppEnv>()
  .get('/incidents', requireRole('viewer'), valid('query', listIncidentsQuery), (c) => {
    const { cursor, ...filter } = c.req.valid('query');
    return c.json(listIncidents(c.var.deps.db, { ...filter, before: cursor === undefined ? undefined : Number(cursor) }));
  })
  .post('/incidents', requireRole('responder'), valid('json', createIncidentRequest), (c) => {
    const { db, clock } = c.var.deps;
    const incident = createIncident(db, c.req.valid('json'), userActor(currentUser(c)), clock.now());
    return c.json(incident, 201);
  })
  .get('/incidents/:id', requireRole('viewer'), (c) => c.json(incidentDetail(c.var.deps.db, c.req.param('id'))))
  .patch('/incidents/:id', requireRole('responder'), valid('json', updateIncidentRequest), (c) => {
    const { db, clock } = c.var.deps;
    const incident = editIncident(db, c.req.param('id'), c.req.valid('json'), userActor(currentUser(c)), clock.now());
    return c.json(incident);
  })
  .post('/incidents/:id/acknowledge', ...statusCommand('acknowledge'))
  .post('/incidents/:id/resolve', ...statusCommand('resolve'))
  .post('/incidents/:id/notes', requireRole('responder'), valid('json', addNoteRequest), (c) => {
    const { db, clock } = c.var.deps;
    const event = addNote(db, c.req.param('id'), c.req.valid('json').text, userActor(currentUser(c)), clock.now());
    return c.json(event, 201);
  });
