import { createHmac } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ServiceEventBody, ServiceWebhook } from '../../shared/api/service-webhooks';
import { startHttpReceiver, type HttpReceiver, type ReceivedRequest } from '../helpers/http-receiver';
import { createTestApp, type TestApp } from '../helpers/test-app';

// A service's event webhooks end to end: the engine's outbox POSTs to real HTTP receivers on loopback.

let chatOps: HttpReceiver;
let automation: HttpReceiver;
let t: TestApp;

beforeAll(async () => {
  [chatOps, automation] = await Promise.all([startHttpReceiver(), startHttpReceiver()]);
  t = await createTestApp({ outgoingAllowedHosts: [chatOps.allowedHost, automation.allowedHost], publicUrl: 'http://localhost' });
});
afterAll(async () => {
  await t.close();
  await Promise.all([chatOps.close(), automation.close()]);
});

const secret = 'whsec-chat-ops';

/** What a receiver does with a signed request: recompute the signature over the raw body, as the README shows. */
function signatureValid(req: ReceivedRequest): boolean {
  const timestamp = req.headers['x-muster-timestamp'];
  const expected = `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(req.body).digest('hex')}`;
  return req.headers['x-muster-signature'] === expected;
}

const bodyOf = (req: ReceivedRequest) => JSON.parse(req.body) as ServiceEventBody;

it('delivers an incident’s events in order, signed; retries a 500 and never a 400; the log shows each attempt', async () => {
  const admin = await t.signedInUser('admin', 'Admin');
  const service = await t.createService(admin.cookie, { name: 'Checkout' });
  const add = async (body: Record<string, unknown>): Promise<ServiceWebhook> => {
    const res = await t.request('POST', `/api/v1/services/${service.id}/webhooks`, { cookie: admin.cookie, body });
    expect(res.status, res.text).toBe(201);
    return res.json;
  };
  const signed = await add({ url: `${chatOps.origin}/muster`, secret });
  await add({ url: `${automation.origin}/on-resolve`, events: ['incident.resolved'] });
  /** A minute apart, as people act: the log is newest first. */
  const act = async (method: string, path: string, body?: unknown) => {
    t.clock.advance(60_000);
    const res = await t.request(method, `/api/v1/incidents/${incident.id}${path}`, { cookie: admin.cookie, body });
    expect(res.status, res.text).toBeLessThan(300);
    await t.engine.runOnce();
  };

  const incident = await t.createIncident(admin.cookie, { serviceId: service.id, title: 'Checkout 5xx', severity: 'SEV-3' });
  await t.engine.runOnce();
  await act('POST', '/acknowledge');
  // The receiver refuses the note: a 4xx will not change on a retry, so it is given up, and what follows still goes.
  chatOps.answerWith(400);
  await act('POST', '/notes', { text: 'Rolling back' });
  await act('PATCH', '', { severity: 'SEV-1' });
  // A 500 is retried after the backoff (5 s for the first retry), with the same id, signed afresh.
  chatOps.answerWith(500);
  await act('POST', '/resolve');
  expect(chatOps.received).toHaveLength(5);
  t.clock.advance(4_000);
  await t.engine.runOnce();
  expect(chatOps.received).toHaveLength(5);
  t.clock.advance(1_000);
  await t.engine.runOnce();
  // Long after, nothing is sent again.
  t.clock.advance(3_600_000);
  await t.engine.runOnce();

  const bodies = chatOps.received.map(bodyOf);
  expect(bodies.map((body) => body.event)).toEqual([
    'incident.triggered',
    'incident.acknowledged',
    'incident.note_added',
    'incident.severity_changed',
    'incident.resolved',
    'incident.resolved',
  ]);
  const sequences = bodies.map((body) => body.sequence);
  expect(sequences.slice(0, 5)).toEqual([...sequences.slice(0, 5)].sort((a, b) => a - b));
  expect(bodies[5]).toEqual(bodies[4]);
  expect(bodies[4]).toEqual({
    id: expect.any(String),
    event: 'incident.resolved',
    sequence: sequences[4],
    occurredAt: expect.any(String),
    incident: { id: incident.id, number: incident.number, title: 'Checkout 5xx', severity: 'SEV-1', status: 'resolved', url: `http://localhost/incidents/${incident.id}`, service: { id: service.id, name: 'Checkout' } },
    data: { from: 'acknowledged', phase: { from: 'response', to: 'recovery' }, by: 'Admin' },
  });
  for (const req of chatOps.received) {
    expect(req).toMatchObject({ method: 'POST', path: '/muster', headers: { 'content-type': 'application/json', 'user-agent': 'Muster' } });
    expect(signatureValid(req), req.body).toBe(true);
  }
  // The retry left five seconds after the first try and is signed with its own time.
  const [firstTry, retry] = chatOps.received.slice(4).map((req) => Number(req.headers['x-muster-timestamp']));
  expect(retry - firstTry).toBe(5);

  // The unsigned webhook heard only of the resolution, once, without a signature.
  expect(automation.received.map((req) => [req.path, bodyOf(req).event, req.headers['x-muster-signature']])).toEqual([['/on-resolve', 'incident.resolved', undefined]]);

  const webhooks = (await t.request('GET', `/api/v1/services/${service.id}/webhooks`, { cookie: admin.cookie })).json.items as ServiceWebhook[];
  const log = webhooks.find((webhook) => webhook.id === signed.id)!;
  expect(log.attempts.map(({ event, attempt, outcome, status, error }) => ({ event, attempt, outcome, status, error }))).toEqual([
    { event: 'incident.resolved', attempt: 2, outcome: 'delivered', status: 200, error: null },
    { event: 'incident.resolved', attempt: 1, outcome: 'retryable', status: 500, error: 'webhook answered 500' },
    { event: 'incident.severity_changed', attempt: 1, outcome: 'delivered', status: 200, error: null },
    { event: 'incident.note_added', attempt: 1, outcome: 'rejected', status: 400, error: 'webhook answered 400' },
    { event: 'incident.acknowledged', attempt: 1, outcome: 'delivered', status: 200, error: null },
    { event: 'incident.triggered', attempt: 1, outcome: 'delivered', status: 200, error: null },
  ]);
  expect(log.attempts.every((attempt) => attempt.incidentId === incident.id)).toBe(true);

  const { outgoingMessages } = t.db.t;
  const states = await t.db
    .select({ state: outgoingMessages.state, attempts: outgoingMessages.attempts, webhookId: outgoingMessages.webhookId })
    .from(outgoingMessages)
    .where(eq(outgoingMessages.webhookId, signed.id))
    .orderBy(asc(outgoingMessages.seq));
  expect(states.map(({ state, attempts }) => [state, attempts])).toEqual([
    ['sent', 1],
    ['sent', 1],
    ['failed', 1],
    ['sent', 1],
    ['sent', 2],
  ]);
});

it('holds later events back while an earlier one waits for its retry, then sends them in order', async () => {
  const admin = await t.signedInUser('admin', 'Admin');
  const service = await t.createService(admin.cookie, { name: 'Search' });
  const res = await t.request('POST', `/api/v1/services/${service.id}/webhooks`, { cookie: admin.cookie, body: { url: `${chatOps.origin}/held` } });
  expect(res.status, res.text).toBe(201);
  const held = () => chatOps.received.filter((req) => req.path === '/held').map((req) => bodyOf(req).event);

  // The trigger is refused with a 500; the acknowledgement queued behind it must wait, without the engine spinning.
  chatOps.answerWith(500);
  const incident = await t.createIncident(admin.cookie, { serviceId: service.id, title: 'Search is slow', severity: 'SEV-3' });
  await t.request('POST', `/api/v1/incidents/${incident.id}/acknowledge`, { cookie: admin.cookie });
  await t.engine.runOnce();
  expect(held()).toEqual(['incident.triggered']);
  t.clock.advance(4_000);
  await t.engine.runOnce();
  expect(held()).toEqual(['incident.triggered']);
  t.clock.advance(1_000);
  await t.engine.runOnce();
  expect(held()).toEqual(['incident.triggered', 'incident.triggered', 'incident.acknowledged']);
});
