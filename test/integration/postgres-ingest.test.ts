import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../server/db/client';
import { createMuster } from '../../server/muster';
import { incidentDetail, incidentsOf, triggerEvent } from '../helpers/events';
import { createTestApp, type TestApp } from '../helpers/test-app';

// Three instances on one PostgreSQL database receive the same alerts at the same moment (a monitoring tool
// behind a load balancer retrying, or several Alertmanagers in a cluster): each alert must open one incident.
let t: TestApp;
const others: Db[] = [];
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  for (const db of others) await db.close();
  await t.close();
});

it('the same new alert sent to three instances at once opens one incident and counts every copy', async () => {
  expect(t.databaseUrl).toMatch(/^postgres:/);
  const admin = await t.signedInUser('admin');
  const service = await t.createService(admin.cookie, { stormThreshold: 1000 });
  const apps = [t.app];
  for (let i = 0; i < 2; i++) {
    const db = await openDatabase({ url: t.databaseUrl, file: '' });
    others.push(db);
    apps.push((await createMuster({ db, clock: t.clock, dataDir: t.dir, vapidSubject: 'mailto:ops@example.com', timers: false })).app);
  }

  const copies = 10;
  const keys = ['db-down', 'disk-full', 'cert-expiry'];
  const sends = keys.flatMap((key) =>
    Array.from({ length: copies }, (_, i) =>
      apps[i % apps.length].request('/v2/enqueue', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(triggerEvent(service.integrationKey, { dedup_key: key })),
      }),
    ),
  );
  const statuses = await Promise.all(sends.map(async (res) => (await res).status));
  expect(statuses).toEqual(sends.map(() => 202));

  const incidents = await incidentsOf(t, admin.cookie, service.id);
  expect(incidents).toHaveLength(keys.length);
  for (const incident of incidents) {
    const { alerts } = await incidentDetail(t, admin.cookie, incident.id);
    expect(alerts).toHaveLength(1);
    expect(alerts[0].count).toBe(copies);
  }
});
