import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../server/db/client';
import { findIncident } from '../../server/db/stores/incidents';
import { finishDrillOfIncident } from '../../server/services/drills/finish-drill';
import { createMuster } from '../../server/muster';
import { pagingFixture } from '../helpers/paging';
import { startPushEndpoint, type PushEndpoint } from '../helpers/push-endpoint';
import { createTestApp, type TestApp } from '../helpers/test-app';

// Drills on one PostgreSQL database shared by several instances: row locks must hand each inject to exactly
// one engine, and the engine must take its locks in the order a resolve does, so neither waits on a deadlock.
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

async function ok(method: string, path: string, cookie: string, body?: unknown) {
  const res = await t.request(method, path, { cookie, body });
  if (res.status !== 200 && res.status !== 201) throw new Error(`${method} ${path}: unexpected ${res.status}: ${res.text}`);
  return res.json;
}

async function drillService(p: Awaited<ReturnType<typeof pagingFixture>>) {
  const ada = await p.responder(`ada${t.unique()}`);
  const service = await p.serviceWithPolicy(await p.policy([{ delaySeconds: 3600, targets: [{ type: 'user', id: ada.user.id }] }]));
  const scenario = await ok('POST', '/api/v1/drills/scenarios', p.admin.cookie, { template: 'database-outage', serviceId: service.id });
  return { ada, scenario };
}

const injectIndexes = async (p: Awaited<ReturnType<typeof pagingFixture>>, incidentId: string) =>
  (await p.timeline(incidentId)).filter((event) => event.type === 'drill_inject').map((event) => event.data.index);

it('three engines running together play each drill’s injects exactly once, in order', async () => {
  const p = await pagingFixture(t, push);
  expect(t.databaseUrl).toMatch(/^postgres:/);
  const { scenario } = await drillService(p);
  const engines = [t.engine];
  for (let i = 0; i < 2; i++) {
    const db = await openDatabase({ url: t.databaseUrl, file: '' });
    others.push(db);
    const instance = await createMuster({ db, clock: t.clock, dataDir: t.dir, vapidSubject: 'mailto:ops@example.com', timers: false, pushAllowedHosts: [push.host], pushAgent: push.agent });
    engines.push(instance.engine);
  }
  const drills = [];
  for (let i = 0; i < 12; i++) drills.push(await ok('POST', '/api/v1/drills', p.admin.cookie, { scenarioId: scenario.id }));
  // Scheduled ones fall due on the second run: each must be started by exactly one engine, with one incident.
  const startsAt = new Date(t.clock.now().getTime() + 60_000).toISOString();
  const scheduled = [];
  for (let i = 0; i < 5; i++) scheduled.push(await ok('POST', '/api/v1/drills', p.admin.cookie, { scenarioId: scenario.id, startsAt, remindMinutesBefore: 0 }));
  await Promise.all(engines.map((engine) => engine.runOnce()));
  t.clock.advance(120_000);
  await Promise.all(engines.map((engine) => engine.runOnce()));
  t.clock.advance(300_000);
  await Promise.all(engines.map((engine) => engine.runOnce()));
  for (const drill of drills) {
    expect(await injectIndexes(p, drill.incidentId)).toEqual([0, 1, 2, 3]);
    expect((await ok('GET', `/api/v1/drills/${drill.id}`, p.admin.cookie)).injectsDone).toBe(4);
  }
  for (const { id } of scheduled) {
    const drill = await ok('GET', `/api/v1/drills/${id}`, p.admin.cookie);
    expect(drill).toMatchObject({ status: 'running', injectsDone: 3 });
    expect(await injectIndexes(p, drill.incidentId)).toEqual([0, 1, 2]);
  }
  const incidents = (await ok('GET', '/api/v1/incidents?limit=200', p.admin.cookie)).items;
  expect(incidents).toHaveLength(drills.length + scheduled.length);
});

/**
 * Holds the drill incident's row as a resolve does, starts `other` (which must then wait for it), and finishes
 * the drill as the resolve would next. Deadlock detection would only step in after deadlock_timeout (1 s), so
 * waiting longer than half of that for the drill means `other` held it while waiting for the incident.
 */
async function resolveWhile(incidentId: string, other: () => Promise<unknown>): Promise<unknown> {
  let running: Promise<unknown> | undefined;
  try {
    await t.db.transaction(async (tx) => {
      await findIncident(tx, incidentId, { lock: true });
      running = other();
      for (let tries = 0; ; tries++) {
        const [waiting] = await t.db.raw<{ n: number }>(t.db, sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`);
        if (waiting.n > 0) break;
        if (tries > 200) throw new Error('the other transaction never waited for the incident');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await t.db.raw(tx, sql`set local lock_timeout = '500ms'`);
      await finishDrillOfIncident(tx, incidentId, t.clock.now());
    });
  } finally {
    await running;
  }
  return running;
}

it('an inject falling due while the drill’s incident is being resolved neither deadlocks nor plays after the end', async () => {
  const p = await pagingFixture(t, push);
  const { scenario } = await drillService(p);
  const drill = await ok('POST', '/api/v1/drills', p.admin.cookie, { scenarioId: scenario.id });
  await t.engine.runOnce();
  t.clock.advance(120_000);
  await resolveWhile(drill.incidentId, () => t.engine.runOnce());
  expect((await ok('GET', `/api/v1/drills/${drill.id}`, p.admin.cookie)).status).toBe('finished');
  expect(await injectIndexes(p, drill.incidentId)).toEqual([0]);
});

it('a facilitator’s advance while the incident is being resolved waits for it and is refused, without a deadlock', async () => {
  const p = await pagingFixture(t, push);
  const { scenario } = await drillService(p);
  const drill = await ok('POST', '/api/v1/drills', p.admin.cookie, { scenarioId: scenario.id });
  await t.engine.runOnce();
  const advanced = (await resolveWhile(drill.incidentId, () => t.request('POST', `/api/v1/drills/${drill.id}/advance`, { cookie: p.admin.cookie }))) as { status: number; text: string };
  expect(advanced.status, advanced.text).toBe(409);
  expect(advanced.text).toMatch(/already finished/);
  expect(await injectIndexes(p, drill.incidentId)).toEqual([0]);
});
