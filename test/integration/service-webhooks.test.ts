import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceEventBody, ServiceWebhook } from '../../shared/api/service-webhooks';
import { serviceEventTypes } from '../../shared/domain/service-events';
import { enqueue, triggerEvent } from '../helpers/events';
import { startHttpReceiver, type HttpReceiver } from '../helpers/http-receiver';
import { createTestApp, expectApiError, type TestApp } from '../helpers/test-app';

let receiver: HttpReceiver;
let t: TestApp;
let admin: Awaited<ReturnType<TestApp['signedInUser']>>;

beforeAll(async () => {
  receiver = await startHttpReceiver();
  t = await createTestApp({ outgoingAllowedHosts: [receiver.allowedHost] });
  admin = await t.signedInUser('admin', 'Admin');
});
afterAll(async () => {
  await t.close();
  await receiver.close();
});

const webhooksOf = (serviceId: string) => `/api/v1/services/${serviceId}/webhooks`;

async function addWebhook(serviceId: string, body: Record<string, unknown>): Promise<ServiceWebhook> {
  t.clock.advance(1000);
  const res = await t.request('POST', webhooksOf(serviceId), { cookie: admin.cookie, body });
  expect(res.status, res.text).toBe(201);
  return res.json;
}

const list = async (serviceId: string): Promise<ServiceWebhook[]> => (await t.request('GET', webhooksOf(serviceId), { cookie: admin.cookie })).json.items;

/** The outbox's service events of an incident, in the order delivery sends them to each webhook. */
async function queued(incidentId: string) {
  const { outgoingMessages } = t.db.t;
  const rows = await t.db
    .select()
    .from(outgoingMessages)
    .where(eq(outgoingMessages.incidentId, incidentId))
    .orderBy(asc(outgoingMessages.seq), asc(outgoingMessages.webhookId));
  return rows.filter((row) => row.kind === 'event').map((row) => ({ ...row, body: JSON.parse(row.payload) as ServiceEventBody }));
}

describe('service webhooks API', () => {
  it('adds, lists and deletes webhooks; the secret is never sent back', async () => {
    const service = await t.createService(admin.cookie);
    const signed = await addWebhook(service.id, { url: 'https://hooks.example.com/muster', secret: 'whsec-1' });
    expect(signed).toEqual({
      id: expect.any(String),
      serviceId: service.id,
      url: 'https://hooks.example.com/muster',
      events: [...serviceEventTypes],
      signed: true,
      createdAt: t.clock.now().toISOString(),
      attempts: [],
    });
    // Named in any order, kept in the list's order.
    const unsigned = await addWebhook(service.id, { url: 'https://chat.example.com/hook', events: ['incident.resolved', 'incident.triggered'] });
    expect(unsigned).toMatchObject({ events: ['incident.triggered', 'incident.resolved'], signed: false });

    const res = await t.request('GET', webhooksOf(service.id), { cookie: admin.cookie });
    expect(res.json).toEqual({ items: [signed, unsigned] });
    expect(res.text).not.toContain('whsec-1');

    const deleted = await t.request('DELETE', `${webhooksOf(service.id)}/${signed.id}`, { cookie: admin.cookie });
    expect(deleted.status).toBe(204);
    expect(await list(service.id)).toEqual([unsigned]);
    expectApiError(await t.request('DELETE', `${webhooksOf(service.id)}/${signed.id}`, { cookie: admin.cookie }), 404, 'not_found');
  });

  it('are for admins only: a webhook URL is a credential', async () => {
    const service = await t.createService(admin.cookie);
    const webhook = await addWebhook(service.id, { url: 'https://hooks.example.com/secret-path' });
    for (const role of ['responder', 'viewer'] as const) {
      const { cookie } = await t.signedInUser(role);
      expect(expectApiError(await t.request('GET', webhooksOf(service.id), { cookie }), 403, 'forbidden').message).toBe('only admins may do this');
      expectApiError(await t.request('POST', webhooksOf(service.id), { cookie, body: { url: 'https://hooks.example.com/x' } }), 403, 'forbidden');
      expectApiError(await t.request('DELETE', `${webhooksOf(service.id)}/${webhook.id}`, { cookie }), 403, 'forbidden');
    }
    expectApiError(await t.request('GET', webhooksOf(service.id)), 401, 'unauthorized');
    expect(await list(service.id)).toHaveLength(1);
  });

  it('answer 404 for an unknown service, and for another service’s webhook', async () => {
    const service = await t.createService(admin.cookie);
    const other = await t.createService(admin.cookie);
    const webhook = await addWebhook(service.id, { url: 'https://hooks.example.com/a' });
    const missing = crypto.randomUUID();
    expect(expectApiError(await t.request('GET', webhooksOf(missing), { cookie: admin.cookie }), 404, 'not_found').message).toBe(`service ${missing} not found`);
    expectApiError(await t.request('POST', webhooksOf(missing), { cookie: admin.cookie, body: { url: 'https://hooks.example.com/a' } }), 404, 'not_found');
    expectApiError(await t.request('DELETE', `${webhooksOf(missing)}/${webhook.id}`, { cookie: admin.cookie }), 404, 'not_found');
    const crossed = await t.request('DELETE', `${webhooksOf(other.id)}/${webhook.id}`, { cookie: admin.cookie });
    expect(expectApiError(crossed, 404, 'not_found').message).toBe(`webhook ${webhook.id} not found`);
    expect(await list(service.id)).toEqual([webhook]);
  });

  it('refuse bad input, naming the field', async () => {
    const service = await t.createService(admin.cookie);
    const post = (body: unknown) => t.request('POST', webhooksOf(service.id), { cookie: admin.cookie, body });
    expect(expectApiError(await post({}), 400, 'bad_request').message).toMatch(/^invalid body: url: /);
    expect(expectApiError(await post({ url: 'ftp://files.example.com/x' }), 400).message).toBe('invalid body: url: must be an http or https URL');
    expect(expectApiError(await post({ url: 'https://hooks.example.com/x', events: [] }), 400).message).toBe(
      'invalid body: events: name at least one event, or leave events out for all of them',
    );
    expect(expectApiError(await post({ url: 'https://hooks.example.com/x', events: ['incident.deleted'] }), 400).message).toBe(
      `invalid body: events.0: must be one of ${serviceEventTypes.join(', ')}`,
    );
    expect(expectApiError(await post({ url: 'https://hooks.example.com/x', secret: '' }), 400).message).toBe('invalid body: secret: must not be empty');
    expect(await list(service.id)).toEqual([]);
  });

  it('refuse private, loopback and link-local URLs unless the operator allowed the host', async () => {
    const service = await t.createService(admin.cookie);
    for (const url of ['http://127.0.0.1:9/hook', 'http://10.0.0.7/hook', 'http://169.254.169.254/latest/meta-data', 'http://[::1]/hook']) {
      const refused = await t.request('POST', webhooksOf(service.id), { cookie: admin.cookie, body: { url } });
      expect(expectApiError(refused, 400, 'bad_request').message, url).toMatch(/^url: .*MUSTER_OUTGOING_ALLOWED_HOSTS/);
    }
    expect(await list(service.id)).toEqual([]);
    // The receiver's host:port is on this app's allow-list.
    await addWebhook(service.id, { url: `${receiver.origin}/hook` });
  });

  it('allow ten webhooks per service', async () => {
    const service = await t.createService(admin.cookie, { name: `Search ${t.unique()}` });
    for (let i = 0; i < 6; i++) await addWebhook(service.id, { url: `https://hooks.example.com/${i}` });
    // Admins adding six at the same moment, on a service with room for four: four get in.
    const answers = await Promise.all(
      ['a', 'b', 'c', 'd', 'e', 'f'].map((name) => t.request('POST', webhooksOf(service.id), { cookie: admin.cookie, body: { url: `https://hooks.example.com/${name}` } })),
    );
    expect(answers.map((res) => res.status).sort()).toEqual([201, 201, 201, 201, 409, 409]);
    const refused = answers.find((res) => res.status === 409)!;
    expect(expectApiError(refused, 409, 'conflict').message).toBe(`${service.name} already has 10 webhooks, the most a service may have; delete one first`);
    expect(await list(service.id)).toHaveLength(10);
    // Another service has its own ten.
    await addWebhook((await t.createService(admin.cookie)).id, { url: 'https://hooks.example.com/other' });
  });

  it('show each webhook’s last 50 attempts, newest first', async () => {
    const service = await t.createService(admin.cookie);
    const [first, second] = [await addWebhook(service.id, { url: `${receiver.origin}/log-1` }), await addWebhook(service.id, { url: `${receiver.origin}/log-2` })];
    const incident = await t.createIncident(admin.cookie, { serviceId: service.id });
    const start = t.clock.now().getTime();
    // Written as delivery writes them (it prunes to the newest 50 itself; these 55 show the list stops at 50).
    await t.db.insert(t.db.t.webhookAttempts).values(
      Array.from({ length: 55 }, (_, i) => ({
        id: crypto.randomUUID(),
        webhookId: first.id,
        messageId: crypto.randomUUID(),
        incidentId: incident.id,
        event: 'incident.triggered' as const,
        attempt: i + 1,
        outcome: i === 54 ? ('delivered' as const) : ('retryable' as const),
        status: i === 54 ? 200 : 503,
        error: i === 54 ? null : 'receiver answered 503',
        durationMs: 12,
        at: new Date(start + i * 1000),
      })),
    );
    const [withLog, without] = await list(service.id);
    expect(without).toMatchObject({ id: second.id, attempts: [] });
    expect(withLog.attempts).toHaveLength(50);
    expect(withLog.attempts.map((attempt) => attempt.attempt)).toEqual(Array.from({ length: 50 }, (_, i) => 55 - i));
    expect(withLog.attempts[0]).toEqual({
      id: expect.any(String),
      event: 'incident.triggered',
      incidentId: incident.id,
      attempt: 55,
      outcome: 'delivered',
      status: 200,
      error: null,
      durationMs: 12,
      at: new Date(start + 54_000).toISOString(),
    });
  });
});

describe('service events', () => {
  it('queue each subscribed event, with the incident as it is after the change, in timeline order', async () => {
    const service = await t.createService(admin.cookie, { name: `Checkout ${t.unique()}` });
    const everything = await addWebhook(service.id, { url: `${receiver.origin}/all`, secret: 'whsec-all' });
    const resolvedOnly = await addWebhook(service.id, { url: `${receiver.origin}/resolved`, events: ['incident.resolved'] });
    const { cookie } = await t.signedInUser('responder', 'Ada');

    const incident = await t.createIncident(admin.cookie, { serviceId: service.id, title: 'Checkout 5xx', severity: 'SEV-3' });
    const triggeredAt = t.clock.now();
    t.clock.advance(60_000);
    expect((await t.request('POST', `/api/v1/incidents/${incident.id}/acknowledge`, { cookie })).status).toBe(200);
    t.clock.advance(1000);
    expect((await t.request('POST', `/api/v1/incidents/${incident.id}/notes`, { cookie, body: { text: 'Rolling back 2026.03.1' } })).status).toBe(201);
    t.clock.advance(1000);
    // One edit, two timeline events: only the severity is an event webhooks hear of.
    expect((await t.request('PATCH', `/api/v1/incidents/${incident.id}`, { cookie, body: { severity: 'SEV-1', title: 'Checkout down' } })).status).toBe(200);
    t.clock.advance(1000);
    expect((await t.request('POST', `/api/v1/incidents/${incident.id}/resolve`, { cookie })).status).toBe(200);
    const resolvedAt = t.clock.now();

    const rows = await queued(incident.id);
    expect(rows.map((row) => [row.webhookId, row.body.event])).toEqual([
      [everything.id, 'incident.triggered'],
      [everything.id, 'incident.acknowledged'],
      [everything.id, 'incident.note_added'],
      [everything.id, 'incident.severity_changed'],
      ...[everything.id, resolvedOnly.id].sort().map((id) => [id, 'incident.resolved']),
    ]);
    const sequences = rows.map((row) => row.seq!);
    expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
    for (const row of rows) {
      expect(row).toMatchObject({ kind: 'event', incidentId: incident.id, state: 'pending', attempts: 0, pageId: null, userId: null, contactMethodId: null });
      expect(row.body.id).toBe(row.id);
      expect(row.body.sequence).toBe(row.seq);
      expect(row.nextAttemptAt).toEqual(new Date(row.body.occurredAt));
      expect(row.createdAt).toEqual(row.nextAttemptAt);
    }

    const serviceRef = { id: service.id, name: service.name };
    const incidentAs = (status: string, severity: string, title: string) => ({ id: incident.id, number: incident.number, title, severity, status, url: `/incidents/${incident.id}`, service: serviceRef });
    expect(rows[0].body).toEqual({
      id: rows[0].id,
      event: 'incident.triggered',
      sequence: rows[0].seq,
      occurredAt: triggeredAt.toISOString(),
      incident: incidentAs('triggered', 'SEV-3', 'Checkout 5xx'),
      data: { severity: 'SEV-3', by: 'Admin' },
    });
    expect(rows[1].body).toMatchObject({ incident: incidentAs('acknowledged', 'SEV-3', 'Checkout 5xx'), data: { from: 'triggered', by: 'Ada' } });
    expect(rows[2].body).toMatchObject({ data: { text: 'Rolling back 2026.03.1', by: 'Ada' } });
    // The title changed in the same edit: the incident is described as it is once the edit is done.
    expect(rows[3].body).toMatchObject({ incident: incidentAs('acknowledged', 'SEV-1', 'Checkout down'), data: { from: 'SEV-3', to: 'SEV-1', by: 'Ada' } });
    for (const row of rows.slice(4)) {
      expect(row.body).toMatchObject({ occurredAt: resolvedAt.toISOString(), incident: incidentAs('resolved', 'SEV-1', 'Checkout down'), data: { from: 'acknowledged', by: 'Ada' } });
    }
  });

  it('queue nothing for a service without webhooks, nor for another service’s incidents', async () => {
    const quiet = await t.createService(admin.cookie);
    const noisy = await t.createService(admin.cookie);
    await addWebhook(noisy.id, { url: `${receiver.origin}/noisy` });
    const incident = await t.createIncident(admin.cookie, { serviceId: quiet.id });
    await t.request('POST', `/api/v1/incidents/${incident.id}/notes`, { cookie: admin.cookie, body: { text: 'looking' } });
    await t.request('POST', `/api/v1/incidents/${incident.id}/resolve`, { cookie: admin.cookie });
    expect(await queued(incident.id)).toEqual([]);
  });

  it('stop going to a webhook once it is deleted, and drop what it had not been sent', async () => {
    const service = await t.createService(admin.cookie);
    const webhook = await addWebhook(service.id, { url: `${receiver.origin}/gone` });
    const incident = await t.createIncident(admin.cookie, { serviceId: service.id });
    expect(await queued(incident.id)).toHaveLength(1);
    await t.request('DELETE', `${webhooksOf(service.id)}/${webhook.id}`, { cookie: admin.cookie });
    expect(await queued(incident.id)).toEqual([]);
    await t.request('POST', `/api/v1/incidents/${incident.id}/resolve`, { cookie: admin.cookie });
    expect(await queued(incident.id)).toEqual([]);
  });

  it('come from monitoring tools too, named after the tool', async () => {
    const service = await t.createService(admin.cookie);
    await addWebhook(service.id, { url: `${receiver.origin}/tools` });
    const dedup = { dedup_key: `disk-${t.unique()}` };
    expect((await enqueue(t, triggerEvent(service.integrationKey, dedup))).status).toBe(202);
    const [incident] = (await t.request('GET', `/api/v1/incidents?serviceId=${service.id}`, { cookie: admin.cookie })).json.items;
    for (const action of ['acknowledge', 'resolve']) {
      expect((await enqueue(t, { routing_key: service.integrationKey, event_action: action, ...dedup })).status).toBe(202);
    }
    const rows = await queued(incident.id);
    expect(rows.map((row) => [row.body.event, row.body.incident.status, row.body.data.by])).toEqual([
      ['incident.triggered', 'triggered', 'Events API'],
      ['incident.acknowledged', 'acknowledged', 'Events API'],
      ['incident.resolved', 'resolved', 'Events API'],
    ]);
  });

  it('tell of escalations to a next step, by the engine or by a person, once each; never of the first step', async () => {
    const { user: ada } = await t.createAccount('responder', 'Ada');
    const { user: bob } = await t.createAccount('responder', 'Bob');
    await t.addDevice(ada.id);
    await t.addDevice(bob.id);
    const policy = await t.request('POST', '/api/v1/escalation-policies', {
      cookie: admin.cookie,
      body: {
        name: `two steps ${t.unique()}`,
        repeat: 1,
        steps: [
          { delaySeconds: 300, targets: [{ type: 'user', id: ada.id }] },
          { delaySeconds: 300, targets: [{ type: 'user', id: bob.id }] },
        ],
      },
    });
    const services = [await t.createService(admin.cookie, { escalationPolicyId: policy.json.id }), await t.createService(admin.cookie, { escalationPolicyId: policy.json.id })];
    for (const service of services) await addWebhook(service.id, { url: `${receiver.origin}/escalations`, events: ['incident.escalated'] });
    const incidents = [];
    for (const service of services) incidents.push(await t.createIncident(admin.cookie, { serviceId: service.id }));
    await t.engine.runOnce();
    for (const incident of incidents) expect(await queued(incident.id)).toEqual([]);

    // Both step delays run out together: the engine moves both incidents on in one batch.
    t.clock.advance(300_000);
    await t.engine.runOnce();
    for (const incident of incidents) {
      expect((await queued(incident.id)).map((row) => row.body)).toEqual([
        expect.objectContaining({ event: 'incident.escalated', data: { step: 2, of: 2, loop: 0, users: ['Bob'], by: 'Muster' } }),
      ]);
    }

    // Escalating by hand from the last step starts the policy's second round at step 1.
    const escalated = await t.request('POST', `/api/v1/incidents/${incidents[0].id}/escalate`, { cookie: admin.cookie });
    expect(escalated.status, escalated.text).toBe(200);
    expect((await queued(incidents[0].id)).map((row) => row.body.data)).toEqual([
      expect.objectContaining({ step: 2, loop: 0 }),
      { step: 1, of: 2, loop: 1, users: ['Ada'], by: 'Muster' },
    ]);
  });
});
