import { Hono } from 'hono';
import { createDrillScenarioRequest, saveDrillScenarioRequest, type DrillScenarioList } from '../../../shared/api/drills';
import { drillTemplates, scenarioDurationSeconds } from '../../../shared/domain/drills';
import { findDrillScenario, listDrillScenarios } from '../../db/stores/drill-scenarios';
import { notFound } from '../../errors';
import { createDrillScenario } from '../../services/drills/create-drill-scenario';
import { removeDrillScenario } from '../../services/drills/delete-drill-scenario';
import { replaceDrillScenario } from '../../services/drills/update-drill-scenario';
import { currentUser, requireRole } from '../auth';
import type { AppEnv } from '../env';
import { valid } from '../validate';

const templates = drillTemplates.map((template) => ({ ...template, durationSeconds: scenarioDurationSeconds(template.injects) }));

/** Game-day drill scenarios: everyone signed in reads them, responders and admins write them. */
export const drillRoutes = new Hono<AppEnv>()
  .get('/drills/scenarios', requireRole('viewer'), async (c) => {
    const body: DrillScenarioList = { items: await listDrillScenarios(c.var.deps.db), templates };
    return c.json(body);
  })
  .post('/drills/scenarios', requireRole('responder'), valid('json', createDrillScenarioRequest), async (c) => {
    const { db, clock } = c.var.deps;
    return c.json(await createDrillScenario(db, clock.now(), c.req.valid('json'), currentUser(c).id), 201);
  })
  .get('/drills/scenarios/:id', requireRole('viewer'), async (c) => {
    const scenario = await findDrillScenario(c.var.deps.db, c.req.param('id'));
    if (!scenario) throw notFound(`drill scenario ${c.req.param('id')}`);
    return c.json(scenario);
  })
  .put('/drills/scenarios/:id', requireRole('responder'), valid('json', saveDrillScenarioRequest), async (c) => {
    const { db, clock } = c.var.deps;
    return c.json(await replaceDrillScenario(db, clock.now(), c.req.param('id'), c.req.valid('json')));
  })
  .delete('/drills/scenarios/:id', requireRole('responder'), async (c) => {
    await removeDrillScenario(c.var.deps.db, c.req.param('id'));
    return c.body(null, 204);
  });
