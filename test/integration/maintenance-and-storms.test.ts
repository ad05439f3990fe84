import { afterEach, describe, expect, it } from 'vitest';
import { enqueue, incidentDetail, incidentsOf, triggerEvent } from '../helpers/events';
import { usePagingSuite } from '../helpers/paging';

const suite = usePagingSuite();

afterEach(() => {
  expect(suite.p.take(), 'a page nobody expected').toEqual([]);
});

const admin = () => suite.p.admin.cookie;

async function pagedService(body: Record<string, unknown> = {}) {
  const ada = await suite.p.responder('ada');
  const policy = await suite.p.policy([{ delaySeconds: 300, targets: [{ type: 'user', id: ada.user.id }] }], 3);
  const service = await suite.t.createService(admin(), { escalationPolicyId: policy, ...body });
  return { ada, service, key: service.integrationKey };
}

const startMaintenance = (serviceId: string, body: unknown, cookie = admin()) =>
  suite.t.request('POST', `/api/v1/services/${serviceId}/maintenance`, { cookie, body });

describe('maintenance windows', () => {
  it('record alerts without opening incidents, while open incidents keep paging', async () => {
    const { service, key } = await pagedService();
    await enqueue(suite.t, triggerEvent(key, { dedup_key: 'before' }));
    await suite.t.engine.runOnce();
    const [open] = await incidentsOf(suite.t, admin(), service.id);
    expect(suite.p.take()).toEqual([`ada-1 #${open.number}`]);

    const responder = await suite.t.signedInUser('responder');
    const window = await startMaintenance(service.id, { minutes: 60 }, responder.cookie);
    expect(window.status).toBe(201);
    expect(window.json).toMatchObject({
      serviceId: service.id,
      startsAt: suite.t.clock.now().toISOString(),
      endsAt: new Date(suite.t.clock.now().getTime() + 3600_000).toISOString(),
      createdBy: { id: responder.user.id, name: responder.user.name },
    });

    expect((await enqueue(suite.t, triggerEvent(key, { dedup_key: 'during' }, { summary: 'Restarting db' }))).status).toBe(202);
    await suite.p.advance(300);
    // The open incident's next step still pages; the new alert opened nothing.
    expect(suite.p.take()).toEqual([`ada-1 #${open.number}`]);
    expect(await incidentsOf(suite.t, admin(), service.id)).toHaveLength(1);
    const alerts = (await suite.t.request('GET', `/api/v1/services/${service.id}/alerts`, { cookie: admin() })).json.items;
    expect(alerts.map((alert: any) => [alert.dedupKey, alert.inMaintenance, alert.incidentId])).toEqual([
      ['during', true, null],
      ['before', false, open.id],
    ]);
    expect((await suite.t.request('GET', `/api/v1/services/${service.id}/maintenance`, { cookie: admin() })).json.items).toEqual([window.json]);
    await suite.t.request('POST', `/api/v1/incidents/${open.id}/acknowledge`, { cookie: admin() });
  });

  it('once over, let a still-firing alert open its incident', async () => {
    const { service, key } = await pagedService();
    await startMaintenance(service.id, { minutes: 30 });
    await enqueue(suite.t, triggerEvent(key, { dedup_key: 'disk' }));
    suite.t.clock.advance(31 * 60_000);
    await enqueue(suite.t, triggerEvent(key, { dedup_key: 'disk' }));
    await suite.t.engine.runOnce();
    const [incident] = await incidentsOf(suite.t, admin(), service.id);
    expect(suite.p.take()).toEqual([`ada-1 #${incident.number}`]);
    const [alert] = (await incidentDetail(suite.t, admin(), incident.id)).alerts;
    expect(alert).toMatchObject({ dedupKey: 'disk', count: 2, inMaintenance: false });
    await suite.t.request('POST', `/api/v1/incidents/${incident.id}/acknowledge`, { cookie: admin() });
  });

  it('can be planned ahead and ended early', async () => {
    const { service, key } = await pagedService();
    const now = suite.t.clock.now().getTime();
    const later = await startMaintenance(service.id, { start: new Date(now + 3600_000).toISOString(), end: new Date(now + 7200_000).toISOString() });
    expect(later.status).toBe(201);
    const running = await startMaintenance(service.id, { end: new Date(now + 600_000).toISOString() });
    const listed = (await suite.t.request('GET', `/api/v1/services/${service.id}/maintenance`, { cookie: admin() })).json.items;
    expect(listed.map((window: any) => window.id)).toEqual([running.json.id, later.json.id]);

    expect((await suite.t.request('DELETE', `/api/v1/services/${service.id}/maintenance/${running.json.id}`, { cookie: admin() })).status).toBe(204);
    expect((await suite.t.request('DELETE', `/api/v1/services/${service.id}/maintenance/${later.json.id}`, { cookie: admin() })).status).toBe(204);
    expect((await suite.t.request('GET', `/api/v1/services/${service.id}/maintenance`, { cookie: admin() })).json.items).toEqual([]);
    await enqueue(suite.t, triggerEvent(key));
    await suite.t.engine.runOnce();
    const [incident] = await incidentsOf(suite.t, admin(), service.id);
    expect(suite.p.take()).toEqual([`ada-1 #${incident.number}`]);
    await suite.t.request('POST', `/api/v1/incidents/${incident.id}/acknowledge`, { cookie: admin() });
  });

  it.each([
    [{ minutes: 0 }, 'minutes: must be at least 1'],
    [{ end: '2026-03-02T02:00:00Z' }, 'end must be in the future'],
    [{ start: '2026-03-02T05:00:00Z', end: '2026-03-02T04:00:00Z' }, 'end must be after start'],
    [{ end: 'tomorrow' }, 'end: must be an ISO 8601 time'],
    [{}, 'give {minutes} or {start?, end}'],
  ])('refuse %j with a 400 saying what is wrong', async (body, message) => {
    const { service } = await pagedService();
    const res = await startMaintenance(service.id, body);
    expect(res.status).toBe(400);
    expect(res.json.error.message).toContain(message);
  });

  it('are not for viewers', async () => {
    const { service } = await pagedService();
    const viewer = await suite.t.signedInUser('viewer');
    expect((await startMaintenance(service.id, { minutes: 10 }, viewer.cookie)).status).toBe(403);
  });
});

describe('alert storms', () => {
  it('fold alerts past the per-minute cap into one storm incident that pages once and keeps counting', async () => {
    const { service, key } = await pagedService({ stormThreshold: 3 });
    for (let i = 1; i <= 3; i++) await enqueue(suite.t, triggerEvent(key, { dedup_key: `host-${i}` }, { summary: `host ${i} down` }));
    await suite.t.engine.runOnce();
    const first = await incidentsOf(suite.t, admin(), service.id);
    expect(suite.p.take().sort()).toEqual(first.map((incident) => `ada-1 #${incident.number}`).sort());

    for (let i = 4; i <= 10; i++) {
      suite.t.clock.advance(5_000);
      await enqueue(suite.t, triggerEvent(key, { dedup_key: `host-${i}` }, { summary: `host ${i} down` }));
      await suite.t.engine.runOnce();
    }
    const incidents = await incidentsOf(suite.t, admin(), service.id);
    expect(incidents).toHaveLength(4);
    const storm = incidents[0];
    expect(storm).toMatchObject({ origin: 'storm', title: `Alert storm on ${service.name}: 7 alerts` });
    expect(suite.p.take()).toEqual([`ada-1 #${storm.number}`]);
    const detail = await incidentDetail(suite.t, admin(), storm.id);
    expect(detail.alerts.map((alert: any) => alert.dedupKey).sort()).toEqual(['host-10', 'host-4', 'host-5', 'host-6', 'host-7', 'host-8', 'host-9']);

    // A repeat of a folded alert is counted on it, not as another storm alert.
    await enqueue(suite.t, triggerEvent(key, { dedup_key: 'host-5' }));
    expect((await incidentDetail(suite.t, admin(), storm.id)).title).toBe(`Alert storm on ${service.name}: 7 alerts`);

    // Quiet for a minute: the next alert pages on its own again.
    suite.t.clock.advance(61_000);
    await enqueue(suite.t, triggerEvent(key, { dedup_key: 'host-11' }));
    await suite.t.engine.runOnce();
    const [after] = await incidentsOf(suite.t, admin(), service.id);
    expect(after).toMatchObject({ origin: 'integration', title: 'Checkout error rate above 5 %' });
    expect(suite.p.take()).toEqual([`ada-1 #${after.number}`]);
    for (const incident of await incidentsOf(suite.t, admin(), service.id)) {
      await suite.t.request('POST', `/api/v1/incidents/${incident.id}/acknowledge`, { cookie: admin() });
    }
  });

  it('resolves the storm when all its alerts resolve', async () => {
    const { service, key } = await pagedService({ stormThreshold: 1 });
    await enqueue(suite.t, triggerEvent(key, { dedup_key: 'a' }));
    await enqueue(suite.t, triggerEvent(key, { dedup_key: 'b' }));
    await enqueue(suite.t, triggerEvent(key, { dedup_key: 'c' }));
    await suite.t.engine.runOnce();
    const [storm] = await incidentsOf(suite.t, admin(), service.id);
    suite.p.take();
    await enqueue(suite.t, { routing_key: key, event_action: 'resolve', dedup_key: 'b' });
    expect((await incidentDetail(suite.t, admin(), storm.id)).status).toBe('triggered');
    await enqueue(suite.t, { routing_key: key, event_action: 'resolve', dedup_key: 'c' });
    const detail = await incidentDetail(suite.t, admin(), storm.id);
    expect(detail.status).toBe('resolved');
    expect(detail.timeline.map((event: any) => event.type)).toContain('alert_resolved');
    const [, single] = await incidentsOf(suite.t, admin(), service.id);
    await suite.t.request('POST', `/api/v1/incidents/${single.id}/resolve`, { cookie: admin() });
  });
});
