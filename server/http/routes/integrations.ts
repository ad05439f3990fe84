import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { alertmanagerEvents } from '../../detection/alertmanager';
import type { AlertEvent } from '../../detection/alert-event';
import { genericAlertEvent } from '../../detection/generic';
import { grafanaEvents } from '../../detection/grafana';
import { ApiError, badRequest, errorResponse, tooManyRequests } from '../../errors';
import { maxBodyBytes } from '../body-limit';
import { strictJsonBody } from '../validate';
import type { AppEnv } from '../env';


/**
 * The service the URL's key belongs to, after that key's rate limit (one token per request, however many alerts
 * it carries). An unknown key is a plain 404: nothing in the answer tells how close a guess came.
 */
async function keyedService(c: Context<AppEnv>): Promise<{ id: string }> {
  const { db, eventLimiter, integrationKeys } = c.var.deps;
  const known = await integrationKeys.lookup(db, c.req.param('integrationKey') ?? '');
  if (!known) throw new ApiError(404, 'not_found', 'no service has this integration key');
  const allowed = eventLimiter.take(known.hash);
  if (!allowed.ok) throw tooManyRequests(allowed.retryAfterSeconds, `more than ${eventLimiter.perMinute} requests a minute for this integration key; retry later`);
  return { id: known.serviceId };
}

/** Checks key, rate and body, then applies every event of the request in one transaction. */
async function receive(c: Context<AppEnv>, read: (body: unknown) => AlertEvent[]) {
  const service = await keyedService(c);
  const json = await strictJsonBody(c);
  if (!json) throw badRequest('the request body is not valid JSON in UTF-8');
  const events = read(json.value);
  const results = events.length > 0 ? await c.var.deps.alertIntake.submit(service.id, events) : [];
  return { events, results };
}

/** Monitoring tools' webhooks (Alertmanager, Grafana) and a generic one for scripts, keyed by the service's integration key. */
export const integrationRoutes = new Hono<AppEnv>()
  .use(
    '/integrations/*',
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: (c) => errorResponse(c, 413, 'payload_too_large', `request body is over ${maxBodyBytes / 1024} KB`),
    }),
  )
  .post('/integrations/alertmanager/:integrationKey', async (c) => {
    const { events } = await receive(c, alertmanagerEvents);
    return c.json({ status: 'success', alerts: events.length }, 202);
  })
  .post('/integrations/grafana/:integrationKey', async (c) => {
    const { events } = await receive(c, grafanaEvents);
    return c.json({ status: 'success', alerts: events.length }, 202);
  })
  .post('/integrations/generic/:integrationKey', async (c) => {
    const { events, results } = await receive(c, (body) => [genericAlertEvent(body)]);
    return c.json({ status: 'success', dedupKey: events[0]!.dedupKey, incidentId: results[0]?.incidentId ?? null }, 202);
  });
