import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { webhookAlert, webhookNotification } from '../helpers/alertmanager';
import { enqueue, incidentsOf, triggerEvent } from '../helpers/events';
import { createTestApp, expectApiError, type TestApp } from '../helpers/test-app';

let t: TestApp;
let admin: { cookie: string };
let responder: { cookie: string; user: { id: string; name: string } };
let viewer: { cookie: string };
let service: { id: string; integrationKey: string };

beforeEach(async () => {
  t = await createTestApp();
  admin = await t.signedInUser('admin');
  responder = await t.signedInUser('responder', 'Rita Responder');
  viewer = await t.signedInUser('viewer');
  service = await t.createService(admin.cookie, { name: 'Checkout' });
});
afterEach(() => t.close());

const runbookPath = (serviceId: string, alertClass?: string) =>
  `/api/v1/services/${serviceId}/runbook${alertClass === undefined ? '' : `?class=${encodeURIComponent(alertClass)}`}`;
const own = '# Checkout down\n\n- [ ] Open the dashboard\n- [x] Page the database owner\n\n```\n- [ ] not a step\n```\n- [ ] Roll back the last deploy\n';

async function putRunbook(markdown: string, alertClass?: string, cookie = responder.cookie) {
  const res = await t.request('PUT', runbookPath(service.id, alertClass), { cookie, body: { markdown } });
  expect(res.status, res.text).toBe(200);
  return res.json;
}

const tick = (incidentId: string, body: unknown, headers: Record<string, string> = {}) =>
  t.request('POST', `/api/v1/incidents/${incidentId}/runbook-steps`, { cookie: responder.cookie, body, headers });

describe('a service runbook: PUT, GET, list, DELETE', () => {
  it('stores the service own runbook and each class runbook, and lists the own one first', async () => {
    const saved = await putRunbook(own);
    expect(saved).toEqual({
      serviceId: service.id,
      alertClass: null,
      markdown: own,
      updatedAt: t.clock.now().toISOString(),
      updatedBy: { id: responder.user.id, name: 'Rita Responder' },
    });
    t.clock.advance(60_000);
    await putRunbook('- [ ] Free disk space', 'disk-full', admin.cookie);
    await putRunbook('- [ ] Check the API', 'HighLatency');

    expect((await t.request('GET', runbookPath(service.id), { cookie: viewer.cookie })).json).toEqual(saved);
    const byClass = await t.request('GET', runbookPath(service.id, 'disk-full'), { cookie: viewer.cookie });
    expect(byClass.json).toMatchObject({ alertClass: 'disk-full', markdown: '- [ ] Free disk space' });
    const list = await t.request('GET', `/api/v1/services/${service.id}/runbooks`, { cookie: viewer.cookie });
    expect(list.status).toBe(200);
    expect(list.json.items.map((runbook: { alertClass: string | null }) => runbook.alertClass)).toEqual([null, 'HighLatency', 'disk-full']);
  });

  it('replaces on a second PUT; DELETE removes one runbook and answers 204, then 404', async () => {
    await putRunbook(own);
    await putRunbook('- [ ] one', 'disk-full');
    t.clock.advance(1000);
    const replaced = await putRunbook('new text\r\n- [ ] again');
    expect(replaced).toMatchObject({ markdown: 'new text\n- [ ] again', updatedAt: t.clock.now().toISOString() });

    const deleted = await t.request('DELETE', runbookPath(service.id, 'disk-full'), { cookie: responder.cookie });
    expect(deleted.status).toBe(204);
    expectApiError(await t.request('GET', runbookPath(service.id, 'disk-full'), { cookie: viewer.cookie }), 404, 'not_found');
    expectApiError(await t.request('DELETE', runbookPath(service.id, 'disk-full'), { cookie: responder.cookie }), 404, 'not_found');
    expect((await t.request('GET', runbookPath(service.id), { cookie: viewer.cookie })).status).toBe(200);
  });

  it('404 when there is none or the service does not exist; the list of a new service is empty', async () => {
    const none = expectApiError(await t.request('GET', runbookPath(service.id), { cookie: viewer.cookie }), 404, 'not_found');
    expect(none.message).toContain('runbook');
    expect((await t.request('GET', `/api/v1/services/${service.id}/runbooks`, { cookie: viewer.cookie })).json).toEqual({ items: [] });
    expectApiError(await t.request('PUT', runbookPath('no-such-service'), { cookie: responder.cookie, body: { markdown: 'x' } }), 404, 'not_found');
    expectApiError(await t.request('GET', '/api/v1/services/no-such-service/runbooks', { cookie: viewer.cookie }), 404, 'not_found');
  });

  it('viewers may read but not write (403); nobody signed in gets 401', async () => {
    await putRunbook(own);
    expectApiError(await t.request('PUT', runbookPath(service.id), { cookie: viewer.cookie, body: { markdown: 'mine' } }), 403, 'forbidden');
    expectApiError(await t.request('DELETE', runbookPath(service.id), { cookie: viewer.cookie }), 403, 'forbidden');
    expectApiError(await t.request('GET', runbookPath(service.id)), 401);
    expect((await t.request('GET', runbookPath(service.id), { cookie: viewer.cookie })).json.markdown).toBe(own);
  });

  it('refuses bad input with a 400 that names it', async () => {
    const tooLong = expectApiError(await t.request('PUT', runbookPath(service.id), { cookie: responder.cookie, body: { markdown: 'x'.repeat(100_001) } }), 400);
    expect(tooLong.message).toContain('markdown');
    expect(tooLong.message).toContain('100000');
    expect((await t.request('PUT', runbookPath(service.id), { cookie: responder.cookie, body: { markdown: 'x'.repeat(100_000) } })).status).toBe(200);
    expect(expectApiError(await t.request('PUT', runbookPath(service.id), { cookie: responder.cookie, body: {} }), 400).message).toContain('markdown');
    expect(expectApiError(await t.request('PUT', runbookPath(service.id), { cookie: responder.cookie, body: { markdown: 'a\u0000b' } }), 400).message).toContain('control');
    expect(expectApiError(await t.request('PUT', runbookPath(service.id, ''), { cookie: responder.cookie, body: { markdown: 'x' } }), 400).message).toContain('class');
  });

  it('an Idempotency-Key replay of a PUT answers the first result without writing again', async () => {
    const headers = { 'Idempotency-Key': 'put-runbook-1' };
    const first = await t.request('PUT', runbookPath(service.id), { cookie: responder.cookie, body: { markdown: 'v1' }, headers });
    await putRunbook('v2');
    t.clock.advance(1000);
    const replay = await t.request('PUT', runbookPath(service.id), { cookie: responder.cookie, body: { markdown: 'v1' }, headers });
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
    expect(replay.json).toEqual(first.json);
    expect((await t.request('GET', runbookPath(service.id), { cookie: viewer.cookie })).json.markdown).toBe('v2');
  });
});

describe("an incident's runbook", () => {
  it('a person-opened incident follows the service own runbook, its steps numbered outside code blocks', async () => {
    await putRunbook(own);
    await putRunbook('- [ ] class step', 'disk-full');
    const incident = await t.createIncident(responder.cookie, { serviceId: service.id });
    expect(incident.runbook).toEqual({
      alertClass: null,
      markdown: own,
      steps: [
        { index: 0, label: 'Open the dashboard', done: false, by: null, at: null },
        { index: 1, label: 'Page the database owner', done: true, by: null, at: null },
        { index: 2, label: 'Roll back the last deploy', done: false, by: null, at: null },
      ],
    });
  });

  it('is null when the service has no runbook', async () => {
    const incident = await t.createIncident(responder.cookie, { serviceId: service.id });
    expect(incident.runbook).toBeNull();
    expectApiError(await tick(incident.id, { index: 0, done: true }), 400);
  });

  it('a PagerDuty event naming payload.class gets that class runbook; an unknown class falls back to the service own', async () => {
    await putRunbook(own);
    await putRunbook('- [ ] Free disk space on the volume', 'disk-full');
    expect((await enqueue(t, triggerEvent(service.integrationKey, { dedup_key: 'disk' }, { class: 'disk-full' }))).status).toBe(202);
    expect((await enqueue(t, triggerEvent(service.integrationKey, { dedup_key: 'cpu' }, { class: 'cpu-hot' }))).status).toBe(202);
    const [cpu, disk] = await incidentsOf(t, viewer.cookie, service.id);
    const detail = async (id: string) => (await t.request('GET', `/api/v1/incidents/${id}`, { cookie: viewer.cookie })).json;
    expect((await detail(disk.id)).runbook).toMatchObject({ alertClass: 'disk-full', steps: [{ index: 0, label: 'Free disk space on the volume' }] });
    expect((await detail(cpu.id)).runbook).toMatchObject({ alertClass: null, markdown: own });
  });

  it('an Alertmanager alert is matched by its alertname', async () => {
    await putRunbook('- [ ] Look at the latency dashboard\n- [ ] Scale out', 'HighLatency');
    const notification = webhookNotification('{}:{alertname="HighLatency"}', [webhookAlert('fp-1', { instance: 'web-1' })]);
    expect((await t.request('POST', `/integrations/alertmanager/${service.integrationKey}`, { body: notification })).status).toBeLessThan(300);
    const [incident] = await incidentsOf(t, viewer.cookie, service.id);
    const detail = (await t.request('GET', `/api/v1/incidents/${incident.id}`, { cookie: viewer.cookie })).json;
    expect(detail.runbook).toMatchObject({ alertClass: 'HighLatency', steps: [{ label: 'Look at the latency dashboard' }, { label: 'Scale out' }] });
  });
});

describe('POST /api/v1/incidents/:id/runbook-steps', () => {
  it('ticks and unticks a step, with who and when on the step and on the timeline', async () => {
    await putRunbook(own);
    const incident = await t.createIncident(admin.cookie, { serviceId: service.id });
    t.clock.advance(30_000);
    const ticked = await tick(incident.id, { index: 2, done: true });
    expect(ticked.status, ticked.text).toBe(200);
    const at = t.clock.now().toISOString();
    const by = { id: responder.user.id, name: 'Rita Responder' };
    expect(ticked.json.runbook.steps[2]).toEqual({ index: 2, label: 'Roll back the last deploy', done: true, by, at });
    expect(ticked.json.timeline.at(-1)).toEqual({
      id: expect.any(String),
      type: 'runbook_step',
      at,
      actor: { type: 'user', ...by },
      data: { index: 2, label: 'Roll back the last deploy', done: true },
    });

    // A step the runbook itself ticks can be unticked on this incident.
    t.clock.advance(1000);
    const unticked = await tick(incident.id, { index: 1, done: false });
    expect(unticked.json.runbook.steps[1]).toMatchObject({ done: false, by, at: t.clock.now().toISOString() });
    expect(unticked.json.timeline.filter((event: { type: string }) => event.type === 'runbook_step')).toHaveLength(2);

    // Another incident of the same service starts with nothing ticked.
    const other = await t.createIncident(admin.cookie, { serviceId: service.id });
    expect(other.runbook!.steps.map((step) => step.done)).toEqual([false, true, false]);
  });

  it('setting a step to the state it has adds no timeline event', async () => {
    await putRunbook(own);
    const incident = await t.createIncident(admin.cookie, { serviceId: service.id });
    const res = await tick(incident.id, { index: 1, done: true });
    expect(res.status).toBe(200);
    expect(res.json.timeline.map((event: { type: string }) => event.type)).toEqual(['triggered']);
  });

  it('400 for an index out of range or bad input; 404 for no incident; 403 for viewers', async () => {
    await putRunbook(own);
    const incident = await t.createIncident(admin.cookie, { serviceId: service.id });
    expect(expectApiError(await tick(incident.id, { index: 3, done: true }), 400, 'bad_request').message).toContain('0 to 2');
    expect(expectApiError(await tick(incident.id, { index: -1, done: true }), 400).message).toContain('index');
    expect(expectApiError(await tick(incident.id, { index: 1.5, done: true }), 400).message).toContain('index');
    expect(expectApiError(await tick(incident.id, { index: 0 }), 400).message).toContain('done');
    expectApiError(await tick('no-such-incident', { index: 0, done: true }), 404, 'not_found');
    const refused = await t.request('POST', `/api/v1/incidents/${incident.id}/runbook-steps`, { cookie: viewer.cookie, body: { index: 0, done: true } });
    expectApiError(refused, 403, 'forbidden');
    const detail = (await t.request('GET', `/api/v1/incidents/${incident.id}`, { cookie: viewer.cookie })).json;
    expect(detail.runbook.steps[0].done).toBe(false);
  });

  it('a replay with the same Idempotency-Key is applied once, even after the step changed meanwhile', async () => {
    await putRunbook(own);
    const incident = await t.createIncident(admin.cookie, { serviceId: service.id });
    const headers = { 'Idempotency-Key': crypto.randomUUID() };
    const first = await tick(incident.id, { index: 0, done: true }, headers);
    await tick(incident.id, { index: 0, done: false });
    const replay = await tick(incident.id, { index: 0, done: true }, headers);
    expect(replay.status).toBe(200);
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
    expect(replay.json).toEqual(first.json);
    const detail = (await t.request('GET', `/api/v1/incidents/${incident.id}`, { cookie: viewer.cookie })).json;
    expect(detail.runbook.steps[0].done).toBe(false);
    expect(detail.timeline.filter((event: { type: string }) => event.type === 'runbook_step').map((event: { data: { done: boolean } }) => event.data.done)).toEqual([true, false]);
  });
});
