import { Hono } from 'hono';
import { createDrillScenarioRequest, listDrillsQuery, saveDrillScenarioRequest, startDrillRequest, type DrillList, type DrillScenarioList } from '../../../shared/api/drills';
import { drillControls, drillTemplates, scenarioDurationSeconds } from '../../../shared/domain/drills';
import { findDrill, listDrills } from '../../db/stores/drills';
import { findDrillScenario, listDrillScenarios } from '../../db/stores/drill-scenarios';
import { notFound } from '../../errors';
import { createDrillScenario } from '../../services/drills/create-drill-scenario';
import { removeDrillScenario } from '../../services/drills/delete-drill-scenario';
import { replaceDrillScenario } from '../../services/drills/update-drill-scenario';
import { controlDrill } from '../../services/drills/control-drill';
import { drillReport } from '../../services/drills/drill-report';
import { exportDrillReportMarkdown } from '../../services/drills/export-drill-report';
import { scoredDrills } from '../../services/drills/measure-drills';
import { startDrill } from '../../services/drills/start-drill';
import { userActor } from '../../services/incidents/actor';
import { currentUser, requireRole } from '../auth';
import type { AppEnv } from '../env';
import { valid } from '../validate';

const templates = drillTemplates.map((template) => ({ ...template, durationSeconds: scenarioDurationSeconds(template.injects) }));

/** Game-day drills and their scenarios: everyone signed in reads them, responders and admins run and write them. */
const routes = new Hono<AppEnv>()
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
  })
  .get('/drills', requireRole('viewer'), valid('query', listDrillsQuery), async (c) => {
    const body: DrillList = { items: await scoredDrills(c.var.deps.db, await listDrills(c.var.deps.db, c.req.valid('query'))) };
    return c.json(body);
  })
  .post('/drills', requireRole('responder'), valid('json', startDrillRequest), async (c) =>
    c.json(await startDrill(c.var.deps, c.req.valid('json'), currentUser(c).id), 201),
  )
  .get('/drills/:id', requireRole('viewer'), async (c) => {
    const drill = await findDrill(c.var.deps.db, c.req.param('id'));
    if (!drill) throw notFound(`drill ${c.req.param('id')}`);
    return c.json((await scoredDrills(c.var.deps.db, [drill]))[0]);
  })
  .get('/drills/:id/report', requireRole('viewer'), async (c) => c.json(await drillReport(c.var.deps.db, c.req.param('id'))))
  .get('/drills/:id/report.md', requireRole('viewer'), async (c) => {
    const { markdown, filename } = await exportDrillReportMarkdown(c.var.deps.db, c.req.param('id'));
    return c.body(markdown, 200, { 'Content-Type': 'text/markdown; charset=utf-8', 'Content-Disposition': `attachment; filename="${filename}"` });
  });

/** `POST /drills/:id/pause|resume|advance|abort`: the facilitator's controls. */
export const drillRoutes = drillControls.reduce(
  (app, control) =>
    app.post(`/drills/:id/${control}`, requireRole('responder'), async (c) => {
      const drill = await controlDrill(c.var.deps, c.req.param('id'), control, userActor(currentUser(c)));
      // An abort ends the drill: its answer carries the score, as GET does.
      return c.json((await scoredDrills(c.var.deps.db, [drill]))[0]);
    }),
  routes,
);
