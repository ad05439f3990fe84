import { afterEach, beforeEach, expect, it } from 'vitest';
import type { AlertEvent } from '../../server/detection/alert-event';
import { AlertIntake } from '../../server/detection/alert-intake';
import { IncidentEvents } from '../../server/events/incident-events';
import { incidentsOf } from '../helpers/events';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const alert = (dedupKey: string, details: Record<string, unknown> = {}): AlertEvent => ({
  action: 'trigger',
  dedupKey,
  summary: `${dedupKey} is down`,
  severity: 'critical',
  source: 'events_api',
  details,
  links: [],
  images: [],
  client: null,
  clientUrl: null,
  startedAt: null,
  groupKey: null,
});

it('applies requests that arrive together in one batch, each with its own results', async () => {
  const admin = await t.signedInUser('admin');
  const [a, b] = [await t.createService(admin.cookie), await t.createService(admin.cookie)];
  const intake = new AlertIntake({ db: t.db, clock: t.clock, events: new IncidentEvents(), wakeEngine() {} });
  const results = await Promise.all([
    intake.submit(b.id, [alert('db-down')]),
    intake.submit(a.id, [alert('disk-full'), alert('disk-full')]),
    intake.submit(b.id, [alert('db-down')]),
  ]);
  expect(results.map((result) => result.map(({ dedupKey, reason }) => [dedupKey, reason]))).toEqual([
    [['db-down', 'triggered']],
    [['disk-full', 'triggered'], ['disk-full', null]],
    [['db-down', null]],
  ]);
  expect(await incidentsOf(t, admin.cookie, a.id)).toHaveLength(1);
  expect(await incidentsOf(t, admin.cookie, b.id)).toHaveLength(1);
});

it('retries a failed batch request by request, so one bad request fails alone', async () => {
  const admin = await t.signedInUser('admin');
  const service = await t.createService(admin.cookie);
  const intake = new AlertIntake({ db: t.db, clock: t.clock, events: new IncidentEvents(), wakeEngine() {} });
  // A BigInt cannot be stored as JSON: this request's insert throws inside the shared transaction.
  const [first, bad, last] = await Promise.allSettled([
    intake.submit(service.id, [alert('one')]),
    intake.submit(service.id, [alert('broken', { huge: 10n })]),
    intake.submit(service.id, [alert('two')]),
  ]);
  expect(first).toMatchObject({ status: 'fulfilled', value: [{ dedupKey: 'one', reason: 'triggered' }] });
  expect(bad.status).toBe('rejected');
  expect(last).toMatchObject({ status: 'fulfilled', value: [{ dedupKey: 'two', reason: 'triggered' }] });
  const titles = (await incidentsOf(t, admin.cookie, service.id)).map((incident) => incident.title).sort();
  expect(titles).toEqual(['one is down', 'two is down']);
});
