import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookAlert, webhookNotification } from '../helpers/alertmanager';
import { enqueue, triggerEvent } from '../helpers/events';
import { createTestApp, expectApiError, type TestApp } from '../helpers/test-app';

let t: TestApp;
let viewer: { cookie: string };
let responder: { cookie: string };
let checkout: { id: string; integrationKey: string };
let search: { id: string; integrationKey: string };

const second = 1000;
const ids: Record<string, string> = {};

/** An incident detected at `at` (the fake clock's time), acknowledged and resolved after the given seconds. */
async function incident(name: string, at: string, how: { via: 'api' | 'event'; service: typeof checkout; startedSecondsBefore?: number; className?: string; severity?: string; ackAfter?: number; resolveAfter?: number }) {
  t.clock.set(at);
  let id: string;
  if (how.via === 'event') {
    const timestamp = how.startedSecondsBefore === undefined ? undefined : new Date(t.clock.now().getTime() - how.startedSecondsBefore * second).toISOString();
    const res = await enqueue(t, triggerEvent(how.service.integrationKey, { dedup_key: name }, { timestamp, class: how.className, severity: how.severity ?? 'critical' }));
    expect(res.status).toBe(202);
    const list = await t.request('GET', `/api/v1/incidents?serviceId=${how.service.id}&limit=1`, { cookie: viewer.cookie });
    id = list.json.items[0].id;
  } else {
    id = (await t.createIncident(responder.cookie, { serviceId: how.service.id, title: name, severity: how.severity ?? 'SEV-2' })).id;
  }
  ids[name] = id;
  const start = t.clock.now().getTime();
  for (const [command, after] of [['acknowledge', how.ackAfter], ['resolve', how.resolveAfter]] as const) {
    if (after === undefined) continue;
    t.clock.set(new Date(start + after * second));
    const res = await t.request('POST', `/api/v1/incidents/${id}/${command}`, { cookie: responder.cookie });
    expect(res.status).toBe(200);
  }
}

const metrics = async (query: string) => {
  const res = await t.request('GET', `/api/v1/metrics${query}`, { cookie: viewer.cookie });
  expect(res.status, res.text).toBe(200);
  return res.json;
};

const none = { meanSeconds: null, medianSeconds: null, n: 0 };

describe('GET /api/v1/metrics', () => {
  beforeAll(async () => {
    t = await createTestApp();
    const admin = await t.signedInUser('admin');
    responder = await t.signedInUser('responder');
    viewer = await t.signedInUser('viewer');
    checkout = await t.createService(admin.cookie, { name: 'Checkout' });
    search = await t.createService(admin.cookie, { name: 'Search' });
    // June 2025, far from the other ranges (and first: the clock only moves forward): an Alertmanager group whose
    // alerts are known by their alertname label.
    t.clock.set('2025-06-04T09:00:00Z');
    const alertmanager = `/integrations/alertmanager/${search.integrationKey}`;
    const alerts = [
      webhookAlert('fp-1', { alertname: 'DiskFull', instance: 'db-1' }, { startsAt: '2025-06-04T08:59:00Z' }),
      webhookAlert('fp-2', { alertname: 'DiskFull', instance: 'db-2' }, { startsAt: '2025-06-04T08:59:30Z' }),
    ];
    expect((await t.request('POST', alertmanager, { body: webhookNotification('{}:{alertname="DiskFull"}', alerts) })).status).toBeLessThan(300);
    // Before and after the range [2026-03-02, 2026-03-16): never counted.
    await incident('before', '2026-03-01T23:59:59.999Z', { via: 'api', service: checkout, ackAfter: 1 });
    await incident('after', '2026-03-16T00:00:00Z', { via: 'api', service: checkout, ackAfter: 1 });
    // In range (hand-computed figures below).
    await incident('A', '2026-03-02T10:00:00Z', { via: 'event', service: checkout, startedSecondsBefore: 120, className: 'HighLatency', ackAfter: 60, resolveAfter: 1800 });
    await incident('B', '2026-03-04T12:00:00Z', { via: 'api', service: checkout, severity: 'SEV-1', ackAfter: 300 });
    await incident('C', '2026-03-10T00:10:00Z', { via: 'event', service: search, startedSecondsBefore: 600, className: 'DiskFull', severity: 'warning', resolveAfter: 3600 });
    await incident('D', '2026-03-11T08:00:00Z', { via: 'api', service: search, ackAfter: 180, resolveAfter: 1200 });
    await incident('F', '2026-03-15T23:59:59Z', { via: 'event', service: checkout, className: 'HighLatency' });
    t.clock.set('2026-03-20T12:00:00Z');
  });
  afterAll(() => t.close());

  it('reports counts per ISO week and each figure over the incidents that have its timestamps', async () => {
    const report = await metrics('?from=2026-03-02&to=2026-03-16');
    expect(report).toMatchObject({ from: '2026-03-02T00:00:00.000Z', to: '2026-03-16T00:00:00.000Z', count: 5 });
    expect(report.byWeek.map((w: { weekStart: string; count: number }) => [w.weekStart, w.count])).toEqual([
      ['2026-03-02T00:00:00.000Z', 2],
      ['2026-03-09T00:00:00.000Z', 3],
    ]);
    // MTTD: A 120, B 0, C 600, D 0, F 0 → mean 144, median 0.
    expect(report.mttd).toEqual({ meanSeconds: 144, medianSeconds: 0, n: 5 });
    // MTTA: A 60, B 300, D 180 (C and F never acknowledged).
    expect(report.mtta).toEqual({ meanSeconds: 180, medianSeconds: 180, n: 3 });
    // MTTR: A 1800, C 3600, D 1200 (B and F still open) → mean 2200, median 1800.
    expect(report.mttr).toEqual({ meanSeconds: 2200, medianSeconds: 1800, n: 3 });
    // From start: A 1920, C 4200, D 1200 → mean 2440, median 1920.
    expect(report.mttrFromStart).toEqual({ meanSeconds: 2440, medianSeconds: 1920, n: 3 });
    expect(report.byWeek[1].mttr).toEqual({ meanSeconds: 2400, medianSeconds: 2400, n: 2 });
  });

  it('lists repeat offenders: services and alert classes with the most incidents first', async () => {
    const report = await metrics('?from=2026-03-02T00:00:00Z&to=2026-03-16T00:00:00Z');
    expect(report.byService).toEqual([
      { serviceId: checkout.id, serviceName: 'Checkout', count: 3, mtta: { meanSeconds: 180, medianSeconds: 180, n: 2 }, mttr: { meanSeconds: 1800, medianSeconds: 1800, n: 1 } },
      { serviceId: search.id, serviceName: 'Search', count: 2, mtta: { meanSeconds: 180, medianSeconds: 180, n: 1 }, mttr: { meanSeconds: 2400, medianSeconds: 2400, n: 2 } },
    ]);
    expect(report.byAlertClass).toEqual([
      { alertClass: 'HighLatency', serviceId: checkout.id, serviceName: 'Checkout', count: 2 },
      { alertClass: 'DiskFull', serviceId: search.id, serviceName: 'Search', count: 1 },
    ]);
  });

  it('filters by service and by a comma list of severities', async () => {
    const searchOnly = await metrics(`?from=2026-03-02&to=2026-03-16&serviceId=${search.id}`);
    expect([searchOnly.count, searchOnly.byService.map((s: { serviceName: string }) => s.serviceName)]).toEqual([2, ['Search']]);
    expect(searchOnly.mttd).toEqual({ meanSeconds: 300, medianSeconds: 300, n: 2 });
    // critical → SEV-1 (A, F) plus B created as SEV-1; C is a warning, D SEV-2.
    const urgent = await metrics('?from=2026-03-02&to=2026-03-16&severity=SEV-1');
    expect(urgent.count).toBe(3);
    expect(urgent.mtta).toEqual({ meanSeconds: 180, medianSeconds: 180, n: 2 });
    expect((await metrics('?from=2026-03-02&to=2026-03-16&severity=SEV-1,SEV-2')).count).toBe(4);
  });

  it('defaults to the last 12 ISO weeks, the current one included, with every week listed', async () => {
    const report = await metrics('');
    expect(report.from).toBe('2025-12-29T00:00:00.000Z');
    expect(report.to).toBe('2026-03-20T12:00:00.000Z');
    expect(report.byWeek).toHaveLength(12);
    expect(report.byWeek.filter((w: { count: number }) => w.count > 0).map((w: { weekStart: string }) => w.weekStart)).toEqual([
      '2026-02-23T00:00:00.000Z',
      '2026-03-02T00:00:00.000Z',
      '2026-03-09T00:00:00.000Z',
      '2026-03-16T00:00:00.000Z',
    ]);
    expect(report.count).toBe(7);
  });

  it('knows Alertmanager alerts by their alertname label, counting the incident once for its two DiskFull alerts', async () => {
    const report = await metrics('?from=2025-06-02&to=2025-06-09');
    expect(report.count).toBe(1);
    expect(report.mttd).toEqual({ meanSeconds: 60, medianSeconds: 60, n: 1 });
    expect(report.byAlertClass).toEqual([{ alertClass: 'DiskFull', serviceId: search.id, serviceName: 'Search', count: 1 }]);
  });

  it('an empty range answers zero counts and null figures', async () => {
    const report = await metrics('?from=2025-07-07&to=2025-07-21');
    expect(report).toMatchObject({ count: 0, mttd: none, mtta: none, mttr: none, mttrFromStart: none, byService: [], byAlertClass: [] });
    expect(report.byWeek.map((w: { count: number }) => w.count)).toEqual([0, 0]);
  });

  it('refuses bad dates, a backwards range, more than two years and an unknown service with messages that say so', async () => {
    const get = (query: string) => t.request('GET', `/api/v1/metrics${query}`, { cookie: viewer.cookie });
    expect(expectApiError(await get('?from=yesterday'), 400, 'bad_request').message).toMatch(/from: must be an ISO date/);
    expect(expectApiError(await get('?from=2026-02-31'), 400).message).toMatch(/2026-02-31 is not a valid date/);
    expect(expectApiError(await get('?to=2026-03-02T10:00:00'), 400).message).toMatch(/to: .*with a zone/);
    expect(expectApiError(await get('?from=2026-03-16&to=2026-03-02'), 400).message).toMatch(/from must be before to/);
    expect(expectApiError(await get('?from=2026-03-02&to=2026-03-02'), 400).message).toMatch(/from must be before to/);
    expect(expectApiError(await get('?from=2024-01-01&to=2026-03-02'), 400).message).toMatch(/at most 2 years/);
    expect(expectApiError(await get('?severity=SEV-9'), 400).message).toMatch(/severity/);
    expectApiError(await get('?serviceId=nope'), 404, 'not_found');
    expectApiError(await t.request('GET', '/api/v1/metrics'), 401);
  });
});
