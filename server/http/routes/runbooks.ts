import { Hono } from 'hono';
import { runbookQuery, saveRunbookRequest, tickRunbookStepRequest } from '../../../shared/api/runbooks';
import { findRunbook, listRunbooks } from '../../db/stores/runbooks';
import { findService } from '../../db/stores/services';
import { notFound } from '../../errors';
import { userActor } from '../../services/incidents/actor';
import { removeRunbook, runbookName } from '../../services/runbooks/delete-runbook';
import { saveRunbook } from '../../services/runbooks/save-runbook';
import { tickRunbookStep } from '../../services/runbooks/tick-runbook-step';
import { currentUser, requireRole } from '../auth';
import type { AppEnv } from '../env';
import { valid } from '../validate';

/** A service's runbooks (`?class=` picks the one for an alert class) and the steps ticked on an incident. */
export const runbookRoutes = new Hono<AppEnv>()
  .get('/services/:id/runbooks', requireRole('viewer'), async (c) => {
    const { db } = c.var.deps;
    if (!(await findService(db, c.req.param('id')))) throw notFound(`service ${c.req.param('id')}`);
    return c.json({ items: await listRunbooks(db, c.req.param('id')) });
  })
  .get('/services/:id/runbook', requireRole('viewer'), valid('query', runbookQuery), async (c) => {
    const serviceId = c.req.param('id');
    const alertClass = c.req.valid('query').class ?? null;
    const runbook = await findRunbook(c.var.deps.db, serviceId, alertClass ?? '');
    if (!runbook) throw notFound(runbookName(serviceId, alertClass));
    return c.json(runbook);
  })
  .put('/services/:id/runbook', requireRole('responder'), valid('query', runbookQuery), valid('json', saveRunbookRequest), async (c) => {
    const { db, clock } = c.var.deps;
    const input = { serviceId: c.req.param('id'), alertClass: c.req.valid('query').class ?? null, markdown: c.req.valid('json').markdown };
    return c.json(await saveRunbook(db, clock.now(), input, currentUser(c).id));
  })
  .delete('/services/:id/runbook', requireRole('responder'), valid('query', runbookQuery), async (c) => {
    await removeRunbook(c.var.deps.db, c.req.param('id'), c.req.valid('query').class ?? null);
    return c.body(null, 204);
  })
  .post('/incidents/:id/runbook-steps', requireRole('responder'), valid('json', tickRunbookStepRequest), async (c) =>
    c.json(await tickRunbookStep(c.var.deps, c.req.param('id'), c.req.valid('json'), userActor(currentUser(c)))),
  );
