// GET /api/v1/metrics on SQLite with 10 000 incidents spread over two years (one alert each, most with a class):
// time per call over the default 12 weeks and over the longest range, 2 years. Issue 12.
import { Agent } from 'node:https';
import { loadavg } from 'node:os';
import { loadMetricsRows } from '../server/db/stores/metrics';
import { computeMetrics, dayMs } from '../shared/domain/metrics';
import { severities } from '../shared/domain/severity';
import { startBenchServer, summarize, writeResult } from './lib';

const incidentCount = Number(process.env.BENCH_INCIDENTS ?? 10_000);
const calls = Number(process.env.BENCH_CALLS ?? 20);
const classes = ['HighLatency', 'DiskFull', 'ErrorRate', 'CertExpiry', null];

// No escalation policy on the services: nothing pages, so the push service is never asked.
const muster = await startBenchServer({ agent: new Agent(), host: '127.0.0.1' }, 'sqlite');
try {
  const services = [];
  for (const name of ['Checkout', 'Search', 'Payments', 'Auth', 'Mail']) services.push(await muster.api<{ id: string }>('POST', '/services', { name }));
  const { db } = muster;
  const now = Date.now();
  const spanMs = 730 * dayMs;
  const seedStarted = performance.now();
  for (let start = 0; start < incidentCount; start += 500) {
    const incidents = [];
    const alerts = [];
    for (let i = start; i < Math.min(start + 500, incidentCount); i++) {
      const detectedAt = new Date(now - spanMs + Math.floor((i / incidentCount) * spanMs));
      const at = (seconds: number) => new Date(detectedAt.getTime() + seconds * 1000);
      const serviceId = services[i % services.length]!.id;
      const resolved = i % 10 !== 0;
      const id = crypto.randomUUID();
      incidents.push({
        id,
        number: i + 1,
        title: `bench incident ${i}`,
        status: resolved ? ('resolved' as const) : ('acknowledged' as const),
        severity: severities[i % 4]!,
        serviceId,
        origin: 'integration' as const,
        createdAt: detectedAt,
        updatedAt: detectedAt,
        startedAt: at(-(i % 600)),
        detectedAt,
        acknowledgedAt: at(30 + (i % 900)),
        resolvedAt: resolved ? at(600 + (i % 7200)) : null,
        phase: resolved ? ('recovery' as const) : ('response' as const),
      });
      const alertClass = classes[i % classes.length];
      alerts.push({
        id: crypto.randomUUID(),
        serviceId,
        incidentId: id,
        source: 'events_api' as const,
        dedupKey: `bench-${i}`,
        status: 'resolved' as const,
        summary: `bench alert ${i}`,
        details: alertClass ? { class: alertClass, custom_details: { host: `web-${i % 20}` } } : { custom_details: { host: `web-${i % 20}` } },
        links: [],
        images: [],
        firstSeenAt: detectedAt,
        lastSeenAt: detectedAt,
        count: 1,
        resolvedAt: detectedAt,
        inMaintenance: false,
      });
    }
    await db.insert(db.t.incidents).values(incidents);
    await db.insert(db.t.alerts).values(alerts);
  }
  const seedMs = performance.now() - seedStarted;

  // Seeding outlasts the server's keep-alive timeout: the pooled connection from the service calls may be closed
  // just as the first metrics call reuses it (ECONNRESET). That call is a warm-up; it is retried once.
  async function get(query: string) {
    const send = () => fetch(`${muster.url}/api/v1/metrics${query}`, { headers: { Authorization: `Bearer ${muster.token}` } });
    return send().catch(send);
  }

  async function time(query: string) {
    const durations: number[] = [];
    let count = 0;
    for (let i = 0; i < calls + 2; i++) {
      const started = performance.now();
      const res = await get(query);
      const body = (await res.json()) as { count: number };
      if (!res.ok) throw new Error(`GET /metrics${query} → ${res.status} ${JSON.stringify(body)}`);
      // The first two calls warm up the statement cache and the JIT.
      if (i >= 2) durations.push(performance.now() - started);
      count = body.count;
    }
    return { incidentsCounted: count, ms: summarize(durations) };
  }

  /** Where a 2-year call's time goes, in-process: loading the rows, then the shared formulas. */
  async function split() {
    const [load, compute]: number[][] = [[], []];
    const range = { from: new Date(now - spanMs), to: new Date(now + 1000) };
    for (let i = 0; i < calls; i++) {
      const started = performance.now();
      const rows = await loadMetricsRows(db, range);
      const loaded = performance.now();
      computeMetrics(rows, range.from, range.to);
      load.push(loaded - started);
      compute.push(performance.now() - loaded);
    }
    return { loadRowsMs: summarize(load), computeMs: summarize(compute) };
  }

  const twoYearsAgo = new Date(now - spanMs).toISOString();
  writeResult('metrics', {
    backend: 'sqlite',
    incidents: incidentCount,
    seedSeconds: Math.round(seedMs / 10) / 100,
    calls,
    last12Weeks: await time(''),
    last2Years: await time(`?from=${twoYearsAgo}&to=${new Date(now + 1000).toISOString()}`),
    last2YearsOneService: await time(`?from=${twoYearsAgo}&to=${new Date(now + 1000).toISOString()}&serviceId=${services[0]!.id}`),
    last2YearsInProcess: await split(),
    // The machine is shared: figures taken under a high load average are slower by about that factor.
    loadAverage1m: Math.round(loadavg()[0]! * 10) / 10,
  });
} finally {
  await muster.close();
}
