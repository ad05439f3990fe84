import { Hono } from 'hono';
import { addTeamMemberRequest, createTeamRequest, updateTeamRequest } from '../../../shared/api/accounts';
import { addTeamMember, findTeam, insertTeam, listTeams, removeTeamMember, updateTeam } from '../../db/stores/teams';
import { findUser } from '../../db/stores/users';
import { conflict, notFound } from '../../errors';
import { requireRole } from '../auth';
import type { AppEnv } from '../env';
import { valid } from '../validate';

export const teamRoutes = new Hono<AppEnv>()
  .get('/teams', requireRole('viewer'), async (c) => c.json({ items: await listTeams(c.var.deps.db) }))
  .post('/teams', requireRole('admin'), valid('json', createTeamRequest), async (c) => {
    const { db, clock } = c.var.deps;
    const body = c.req.valid('json');
    const team = await insertTeam(db, body, clock.now());
    if (!team) throw conflict(`a team named ${body.name} already exists`);
    return c.json(team, 201);
  })
  .get('/teams/:id', requireRole('viewer'), async (c) => {
    const team = await findTeam(c.var.deps.db, c.req.param('id'));
    if (!team) throw notFound(`team ${c.req.param('id')}`);
    return c.json(team);
  })
  .patch('/teams/:id', requireRole('admin'), valid('json', updateTeamRequest), async (c) => {
    const body = c.req.valid('json');
    const team = await updateTeam(c.var.deps.db, c.req.param('id'), body);
    if (team === 'name taken') throw conflict(`a team named ${body.name} already exists`);
    if (!team) throw notFound(`team ${c.req.param('id')}`);
    return c.json(team);
  })
  .post('/teams/:id/members', requireRole('admin'), valid('json', addTeamMemberRequest), async (c) => {
    const { db } = c.var.deps;
    const teamId = c.req.param('id');
    const { userId } = c.req.valid('json');
    if (!(await findTeam(db, teamId))) throw notFound(`team ${teamId}`);
    if (!(await findUser(db, userId))) throw notFound(`user ${userId}`);
    await addTeamMember(db, teamId, userId);
    return c.json(await findTeam(db, teamId), 201);
  })
  .delete('/teams/:id/members/:userId', requireRole('admin'), async (c) => {
    if (!(await removeTeamMember(c.var.deps.db, c.req.param('id'), c.req.param('userId')))) throw notFound('team member');
    return c.body(null, 204);
  });
