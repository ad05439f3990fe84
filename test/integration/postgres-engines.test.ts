import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PagePayload } from '../../shared/api/push';
import { openDatabase, type Db } from '../../server/db/client';
import { createMuster } from '../../server/muster';
import { pagingFixture } from '../helpers/paging';
import { startPushEndpoint, type PushEndpoint } from '../helpers/push-endpoint';
import { createTestApp, type TestApp } from '../helpers/test-app';

// Three instances' engines on one PostgreSQL database, all running at once over the same burst of due work:
// row locks must hand each escalation step, page and push to exactly one of them.
let push: PushEndpoint;
let t: TestApp;
const others: Db[] = [];
beforeAll(async () => {
  push = await startPushEndpoint();
  t = await createTestApp({ pushAllowedHosts: [push.host], pushAgent: push.agent });
});
afterAll(async () => {
  for (const db of others) await db.close();
  await t.close();
  await push.close();
});

it('three engines running together over a burst page each step exactly once', async () => {
  const p = await pagingFixture(t, push);
  const ada = await p.responder('ada', { devices: 2 });
  const bob = await p.responder('bob');
  const policy = await p.policy([
    { delaySeconds: 60, targets: [{ type: 'user', id: ada.user.id }] },
    { delaySeconds: 60, targets: [{ type: 'user', id: bob.user.id }] },
  ]);
  const service = await p.serviceWithPolicy(policy);
  expect(t.databaseUrl).toMatch(/^postgres:/);
  const engines = [t.engine];
  for (let i = 0; i < 2; i++) {
    const db = await openDatabase({ url: t.databaseUrl, file: '' });
    others.push(db);
    const instance = await createMuster({ db, clock: t.clock, dataDir: t.dir, vapidSubject: 'mailto:ops@example.com', timers: false, pushAllowedHosts: [push.host], pushAgent: push.agent });
    engines.push(instance.engine);
  }

  const burst = 40;
  const incidents = [];
  for (let i = 0; i < burst; i++) {
    const res = await t.request('POST', '/api/v1/incidents', { cookie: p.admin.cookie, body: { serviceId: service.id, title: `burst ${i}`, severity: 'SEV-1' } });
    expect(res.status).toBe(201);
    incidents.push(res.json.id as string);
  }
  await Promise.all(engines.map((engine) => engine.runOnce()));
  t.clock.advance(60_000);
  await Promise.all(engines.map((engine) => engine.runOnce()));

  const pages = push.received.map((m) => `${m.label} ${(JSON.parse(m.payload!) as PagePayload).incidentId}`);
  const expected = incidents.flatMap((id) => [`ada-1 ${id}`, `ada-2 ${id}`, `bob-1 ${id}`]);
  expect(pages.sort()).toEqual(expected.sort());
  for (const id of incidents) {
    const steps = (await p.timeline(id)).filter((event) => event.type === 'step_reached');
    expect(steps.map((event) => event.data.step)).toEqual([1, 2]);
  }
});

it('an instance starting up leaves another live instance’s pushes in flight alone until their lease runs out', async () => {
  const p = await pagingFixture(t, push);
  const cy = await p.responder('cy');
  const service = await p.serviceWithPolicy(await p.policy([{ delaySeconds: 600, targets: [{ type: 'user', id: cy.user.id }] }]));
  const incident = await p.trigger(service.id);
  // Another instance has claimed a push to cy's phone and is still sending it: its lease runs 15 s from now.
  const { outgoingPushes } = t.db.t;
  const [delivered] = await t.db.select().from(outgoingPushes).where(eq(outgoingPushes.incidentId, incident.id));
  await t.db.insert(outgoingPushes).values({
    ...delivered,
    id: crypto.randomUUID(),
    state: 'sending',
    sentAt: null,
    claimedBy: 'another-instance',
    leaseUntil: new Date(t.clock.now().getTime() + 15_000),
  });
  const sent = push.received.length;

  const starting = await createMuster({ db: t.db, clock: t.clock, dataDir: t.dir, vapidSubject: 'mailto:ops@example.com', timers: false, pushAllowedHosts: [push.host], pushAgent: push.agent });
  await starting.engine.start();
  await starting.engine.runOnce();
  expect(push.received.length).toBe(sent);

  // The other instance died: once its lease has run out, the push goes out again, once.
  t.clock.advance(16_000);
  await starting.engine.runOnce();
  expect(push.received.slice(sent).map((m) => m.label)).toEqual(['cy-1']);
  await starting.engine.stop();
});
