import { afterEach, describe, expect, it } from 'vitest';
import { createMuster } from '../../server/muster';
import { incidentDetail, incidentsOf } from '../helpers/events';
import { usePagingSuite } from '../helpers/paging';

const suite = usePagingSuite();

afterEach(() => {
  expect(suite.p.take(), 'a page nobody expected').toEqual([]);
});

const admin = () => suite.p.admin.cookie;

async function heartbeatService(intervalSeconds = 300) {
  const ada = await suite.p.responder('ada');
  const policy = await suite.p.policy([{ delaySeconds: 600, targets: [{ type: 'user', id: ada.user.id }] }]);
  const service = await suite.p.serviceWithPolicy(policy);
  const res = await suite.t.request('POST', `/api/v1/services/${service.id}/heartbeats`, { cookie: admin(), body: { name: 'nightly backup', intervalSeconds } });
  expect(res.status).toBe(201);
  return { service, heartbeat: res.json };
}

const ping = (url: string, method = 'GET') => suite.t.request(method, new URL(url).pathname);
const heartbeatNow = async (serviceId: string, id: string) =>
  (await suite.t.request('GET', `/api/v1/services/${serviceId}/heartbeats/${id}`, { cookie: admin() })).json;

describe('heartbeat monitors', () => {
  it('are created pending with a ping URL, listed, and deleted by admins', async () => {
    const { service, heartbeat } = await heartbeatService();
    expect(heartbeat).toEqual({
      id: expect.any(String),
      serviceId: service.id,
      name: 'nightly backup',
      intervalSeconds: 300,
      url: expect.stringMatching(/^http:\/\/localhost\/heartbeat\/[A-Za-z0-9]{32}$/),
      lastPingAt: null,
      status: 'pending',
      expiresAt: null,
      createdAt: suite.t.clock.now().toISOString(),
    });
    const listed = await suite.t.request('GET', `/api/v1/services/${service.id}/heartbeats`, { cookie: admin() });
    expect(listed.json.items).toEqual([heartbeat]);

    const responder = await suite.t.signedInUser('responder');
    const refused = await suite.t.request('DELETE', `/api/v1/services/${service.id}/heartbeats/${heartbeat.id}`, { cookie: responder.cookie });
    expect(refused.status).toBe(403);
    expect((await suite.t.request('DELETE', `/api/v1/services/${service.id}/heartbeats/${heartbeat.id}`, { cookie: admin() })).status).toBe(204);
    expect((await ping(heartbeat.url)).status).toBe(404);
  });

  it('refuse a bad interval with a 400 saying what is wrong', async () => {
    const { service } = await heartbeatService();
    const res = await suite.t.request('POST', `/api/v1/services/${service.id}/heartbeats`, { cookie: admin(), body: { name: 'x', intervalSeconds: 5 } });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toContain('intervalSeconds: must be at least 30 seconds');
  });

  it('do not expire before the first ping', async () => {
    const { service } = await heartbeatService();
    await suite.p.advance(3600);
    expect(await incidentsOf(suite.t, admin(), service.id)).toEqual([]);
  });

  it('open an incident when the interval runs out without a ping, and resolve it at the next ping', async () => {
    const { service, heartbeat } = await heartbeatService(300);
    expect((await ping(heartbeat.url)).json).toEqual({ status: 'ok' });
    await suite.p.advance(200);
    expect((await ping(heartbeat.url, 'POST')).status).toBe(200);
    expect(await heartbeatNow(service.id, heartbeat.id)).toMatchObject({ status: 'up', lastPingAt: suite.t.clock.now().toISOString() });

    await suite.p.advance(299);
    expect(await incidentsOf(suite.t, admin(), service.id)).toEqual([]);
    await suite.p.advance(1);
    const [incident] = await incidentsOf(suite.t, admin(), service.id);
    expect(incident).toMatchObject({ title: 'Heartbeat nightly backup expired', status: 'triggered', origin: 'integration', severity: 'SEV-3' });
    expect(suite.p.take()).toEqual([`ada-1 #${incident.number}`]);
    expect(await heartbeatNow(service.id, heartbeat.id)).toMatchObject({ status: 'expired', expiresAt: null });

    // Still silent: no second incident.
    await suite.p.advance(3600);
    expect(await incidentsOf(suite.t, admin(), service.id)).toHaveLength(1);

    await ping(heartbeat.url);
    const detail = await incidentDetail(suite.t, admin(), incident.id);
    expect(detail.status).toBe('resolved');
    expect(detail.timeline.at(-1)).toMatchObject({ type: 'resolved', actor: { type: 'integration', name: 'Heartbeat monitor' } });
    expect(await heartbeatNow(service.id, heartbeat.id)).toMatchObject({ status: 'up' });
  });

  it('page nobody once their service is archived', async () => {
    const { service, heartbeat } = await heartbeatService(300);
    await ping(heartbeat.url);
    await suite.t.request('PATCH', `/api/v1/services/${service.id}`, { cookie: admin(), body: { archived: true } });
    await suite.p.advance(600);
    expect(await incidentsOf(suite.t, admin(), service.id)).toEqual([]);
    expect(await heartbeatNow(service.id, heartbeat.id)).toMatchObject({ status: 'expired' });
  });

  it('expire on time across a restart: the expiry is a durable due time', async () => {
    const { service, heartbeat } = await heartbeatService(600);
    await ping(heartbeat.url);
    await suite.t.engine.stop();
    suite.t.clock.advance(3600_000);
    const restarted = await createMuster({
      db: suite.t.db,
      clock: suite.t.clock,
      dataDir: suite.t.dir,
      vapidSubject: 'mailto:ops@example.com',
      timers: false,
      pushAllowedHosts: [suite.push.host],
      pushAgent: suite.push.agent,
    });
    await restarted.engine.start();
    await restarted.engine.runOnce();
    const [incident] = await incidentsOf(suite.t, admin(), service.id);
    expect(incident.title).toBe('Heartbeat nightly backup expired');
    expect(suite.p.take()).toEqual([`ada-1 #${incident.number}`]);
    await restarted.engine.stop();
  });

  it('answer 404 to an unknown token without touching anything', async () => {
    const res = await suite.t.request('GET', '/heartbeat/nope');
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe('not_found');
  });
});
