import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { z } from 'zod';
import { maxBodyBytes } from '../body-limit';
import { strictJsonBody } from '../validate';
import { insertChangeEvent } from '../../db/stores/change-events';
import { alertEventFrom, changeEvent, enqueueEvent, eventErrors, newDedupKey } from '../../detection/events-api';
import type { AppEnv } from '../env';


/** PagerDuty's answers, word for word: tools check `status`, and some log `errors`. */
const invalid = (c: Context, errors: string[]) => c.json({ status: 'invalid event', message: 'Event object is invalid', errors }, 400);

async function readEvent<S extends z.ZodType>(c: Context<AppEnv>, schema: S): Promise<{ event: z.infer<S> } | { refused: Response }> {
  const json = await strictJsonBody(c);
  if (!json) return { refused: invalid(c, ['the request body is not valid JSON in UTF-8']) };
  let body = json.value;
  // PagerDuty also takes the routing key in a header, for tools that cannot put it in the body.
  const headerKey = c.req.header('X-Routing-Key');
  if (headerKey && body && typeof body === 'object' && !Array.isArray(body) && !('routing_key' in body)) body = { ...body, routing_key: headerKey };
  const parsed = schema.safeParse(body);
  if (!parsed.success) return { refused: invalid(c, eventErrors(parsed.error)) };
  return { event: parsed.data };
}

/** The service the routing key names, after its rate limit; else the answer to send. */
async function routedService(c: Context<AppEnv>, routingKey: string) {
  const { db, eventLimiter, integrationKeys } = c.var.deps;
  const known = await integrationKeys.lookup(db, routingKey);
  if (!known) return { refused: invalid(c, [`'routing_key' ${routingKey} is not the integration key of any service`]) };
  const allowed = eventLimiter.take(known.hash);
  if (!allowed.ok) {
    c.header('Retry-After', String(allowed.retryAfterSeconds));
    const message = `more than ${eventLimiter.perMinute} events a minute for this routing key; retry later`;
    return { refused: c.json({ status: 'throttle event', message }, 429) };
  }
  return { service: { id: known.serviceId } };
}

/** PagerDuty Events API v2, wire-compatible: `POST /v2/enqueue` and change events. */
export const eventsApiRoutes = new Hono<AppEnv>()
  .use(
    '/v2/*',
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: (c) => c.json({ status: 'invalid event', message: 'Event object is too large', errors: [`the request body is over ${maxBodyBytes / 1024} KB`] }, 413),
    }),
  )
  .post('/v2/enqueue', async (c) => {
    const read = await readEvent(c, enqueueEvent);
    if ('refused' in read) return read.refused;
    const routed = await routedService(c, read.event.routing_key);
    if ('refused' in routed) return routed.refused;
    const dedupKey = read.event.dedup_key ?? newDedupKey();
    await c.var.deps.alertIntake.submit(routed.service.id, [alertEventFrom(read.event, dedupKey)]);
    return c.json({ status: 'success', message: 'Event processed', dedup_key: dedupKey }, 202);
  })
  .post('/v2/change/enqueue', async (c) => {
    const read = await readEvent(c, changeEvent);
    if ('refused' in read) return read.refused;
    const routed = await routedService(c, read.event.routing_key);
    if ('refused' in routed) return routed.refused;
    const { payload, links } = read.event;
    const now = c.var.deps.clock.now();
    await insertChangeEvent(c.var.deps.db, {
      id: crypto.randomUUID(),
      serviceId: routed.service.id,
      summary: payload.summary,
      source: payload.source ?? null,
      at: payload.timestamp ? new Date(payload.timestamp) : now,
      receivedAt: now,
      details: payload.custom_details == null ? {} : { custom_details: payload.custom_details },
      links: (links ?? []).map((link) => ({ href: link.href, text: link.text ?? null })),
    });
    return c.json({ status: 'success', message: 'Change event processed' }, 202);
  });
