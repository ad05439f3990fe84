// Sustained PagerDuty Events API v2 ingestion (POST /v2/enqueue) on each backend: events/s and latency under a
// mix of 80 % repeats of open dedup keys and 20 % new keys, against the stack's ceiling measured the same way in
// the same run (bare Hono on @hono/node-server, one INSERT of one row per request). Goal on a 2-core machine:
// SQLite ≥ 2,000 events/s and ≥ 50 % of the ceiling.
//
// Load: autocannon in a child process (bench/ingest-load.ts, one fresh process per run) so it never shares an
// event loop with the server. Muster runs in this process (bench/lib.ts), the ceiling in one of its own
// (bench/ingest-ceiling.ts). Each figure follows a warm-up run.
import { sql } from 'drizzle-orm';
import { fork } from 'node:child_process';
import { Agent } from 'node:https';
import { cpus, loadavg, totalmem } from 'node:os';
import type { CeilingStart } from './ingest-ceiling';
import type { IngestLoad, IngestLoadResult } from './ingest-load';
import { benchBackends, startBenchServer, writeResult } from './lib';

const durationSeconds = Number(process.env.BENCH_SECONDS ?? 10);
const warmUpSeconds = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
/** Also measure the alert-storm regime (default threshold: new keys fold into one storm incident). */
const measureStorm = process.env.BENCH_STORM !== '0';
const openKeyCount = 500;
const newEvery = 5; // 20 % new keys, 80 % repeats
/** The rate limit per routing key is not what is measured: raised far above any rate reached here. */
const eventsPerMinute = 100_000_000;
/** The highest storm threshold the API takes: every new key opens its own incident while under 10,000 a minute. */
const maxStormThreshold = 10_000;

function runLoad(load: Omit<IngestLoad, 'newEvery' | 'connections' | 'durationSeconds'>, seconds: number): Promise<IngestLoadResult> {
  const child = fork(new URL('./ingest-load.ts', import.meta.url).pathname, { execArgv: ['--import', 'tsx'] });
  return new Promise((resolve, reject) => {
    child.once('message', (message: { result?: IngestLoadResult; error?: string }) =>
      message.result ? resolve(message.result) : reject(new Error(`load generator: ${message.error}`)),
    );
    child.once('exit', (code) => reject(new Error(`load generator exited with ${code} before answering`)));
    child.send({ ...load, newEvery, connections, durationSeconds: seconds } satisfies IngestLoad);
  });
}

type CpuUsage = () => Promise<NodeJS.CpuUsage>;
const ownCpu: CpuUsage = async () => process.cpuUsage();

/** A warm-up run, then the measured one; refuses a run with any answer other than 202. */
async function measure(
  load: Omit<IngestLoad, 'newEvery' | 'connections' | 'durationSeconds' | 'runId'>,
  label: string,
  warmUpKeys: Pick<IngestLoad, 'routingKey' | 'openKeys'>,
  serverCpu: CpuUsage,
) {
  await runLoad({ ...load, ...warmUpKeys, runId: `${label}-warm-up` }, warmUpSeconds);
  const cpuBefore = await serverCpu();
  const result = await runLoad({ ...load, runId: `${label}-run` }, durationSeconds);
  const cpuAfter = await serverCpu();
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${label}: ${result.non2xx} non-2xx answers (${JSON.stringify(result.statusCodes)}) and ${result.errors} errors`);
  }
  const cpuMs = (cpuAfter.user - cpuBefore.user + cpuAfter.system - cpuBefore.system) / 1000;
  return {
    eventsPerSecond: Math.round(result.requests / result.durationSeconds),
    latencyMs: { p50: result.latencyMs.p50, p99: result.latencyMs.p99, max: result.latencyMs.max },
    requests: result.requests,
    non2xx: result.non2xx,
    // The server process's CPU time per event (on PostgreSQL, the Node side only): steadier than events/s when
    // other work shares the cores.
    serverCpuMsPerEvent: Math.round((cpuMs / result.requests) * 1000) / 1000,
    built: result.built,
  };
}

/** The ceiling server (bench/ingest-ceiling.ts) in a process of its own. */
async function startCeiling(start: CeilingStart) {
  const child = fork(new URL('./ingest-ceiling.ts', import.meta.url).pathname, { execArgv: ['--import', 'tsx'] });
  const next = <T>() =>
    new Promise<T>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`the ceiling server exited with ${code}`));
      child.once('exit', onExit);
      child.once('message', (message: T & { error?: string }) => {
        child.off('exit', onExit);
        if (message.error) reject(new Error(`ceiling server: ${message.error}`));
        else resolve(message);
      });
    });
  const started = next<{ url: string; what: string }>();
  child.send(start);
  const { url, what } = await started;
  return {
    url,
    what,
    cpu: async () => {
      const answer = next<{ cpu: NodeJS.CpuUsage }>();
      child.send('cpu');
      return (await answer).cpu;
    },
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.send('close');
      }),
  };
}

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB; server and load generator on loopback`;
const loadGenerator = `autocannon ${connections} connections in a child process (bench/ingest-load.ts, forked per run), Muster in the bench process, the ceiling in its own process`;
// Nothing is paged (services have no escalation policy), so the push agent is never used.
const noPush = { agent: new Agent(), host: '127.0.0.1' };

for (const backend of benchBackends) {
  const loadAtStart = loadavg().map((n) => Math.round(n * 100) / 100);
  const muster = await startBenchServer(noPush, backend, { eventsPerMinute });
  try {
    const count = async (query: ReturnType<typeof sql>) => Number((await muster.db.raw<{ n: number | string }>(muster.db, query))[0].n);
    const incidents = (serviceId: string, origin: string) => count(sql`select count(*) as n from incidents where service_id = ${serviceId} and origin = ${origin}`);

    /** A service with an integration key and `openKeyCount` alerts open on it (each opened its incident). */
    async function serviceWithOpenAlerts(name: string, stormThreshold: number) {
      const service = await muster.api<{ id: string; integrationKey: string }>('POST', '/services', { name, stormThreshold });
      const openKeys = Array.from({ length: openKeyCount }, (_, i) => `${name}-open-${i}`);
      for (const dedupKey of openKeys) {
        const res = await fetch(`${muster.url}/v2/enqueue`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ routing_key: service.integrationKey, event_action: 'trigger', dedup_key: dedupKey, payload: { summary: `Disk usage high on ${dedupKey}`, source: 'bench-host-01', severity: 'error', custom_details: { used: '91%', mount: '/var' } } }),
        });
        if (res.status !== 202) throw new Error(`opening ${dedupKey}: ${res.status} ${await res.text()}`);
      }
      return { ...service, openKeys };
    }

    // The warm-up runs on a service of its own, so its new keys do not count toward the measured service's storm cap.
    const warmUp = await serviceWithOpenAlerts('warm-up', maxStormThreshold);
    const measured = await serviceWithOpenAlerts('measured', maxStormThreshold);
    const before = await incidents(measured.id, 'integration');
    const run = await measure(
      { url: muster.url, routingKey: measured.integrationKey, openKeys: measured.openKeys },
      `muster-${backend}`,
      { routingKey: warmUp.integrationKey, openKeys: warmUp.openKeys },
      ownCpu,
    );
    const incidentsOpened = (await incidents(measured.id, 'integration')) - before;
    const stormIncidents = await incidents(measured.id, 'storm');
    // Over 10,000 new incidents a minute (~4,700 events/s in this mix) the service would fold alerts into a storm:
    // then the figures are no longer those of the regime named below, and the result says so.
    const regimeWarning =
      stormIncidents > 0 ? `the measured service went into an alert storm after ${incidentsOpened} new incidents: split the load over several services` : undefined;
    if (regimeWarning) console.warn(`ingest-${backend}: ${regimeWarning}`);

    let storm: Record<string, unknown> | undefined;
    if (measureStorm) {
      // The other regime: the default cap (20 new incidents a minute), passed during the warm-up, so every new key
      // in the measured run joins the service's one storm incident (its title is renamed with the alert count).
      const stormy = await serviceWithOpenAlerts('stormy', 20);
      const stormyKeys = { routingKey: stormy.integrationKey, openKeys: stormy.openKeys };
      const figures = await measure({ url: muster.url, ...stormyKeys }, `muster-${backend}-storm`, stormyKeys, ownCpu);
      storm = {
        regime: 'stormThreshold 20 (the default), already exceeded: new keys join the one storm incident',
        ...figures,
        stormIncidents: await incidents(stormy.id, 'storm'),
        alertsInStorm: await count(sql`select count(*) as n from alerts where incident_id in (select id from incidents where service_id = ${stormy.id} and origin = 'storm')`),
      };
    }

    const ceiling = await startCeiling({ backend, dir: muster.dir, databaseUrl: muster.databaseUrl });
    let ceilingRun: Awaited<ReturnType<typeof measure>>;
    try {
      const keys = { routingKey: measured.integrationKey, openKeys: measured.openKeys };
      ceilingRun = await measure({ url: ceiling.url, ...keys }, `ceiling-${backend}`, keys, ceiling.cpu);
    } finally {
      await ceiling.close();
    }

    const ratio = Math.round((run.eventsPerSecond / ceilingRun.eventsPerSecond) * 1000) / 1000;
    writeResult(`ingest-${backend}`, {
      backend,
      machine,
      // Other work on the machine moves these figures: the 1-minute load average before and after this backend's runs.
      loadAverageAtStart: loadAtStart,
      loadAverageAtEnd: loadavg().map((n) => Math.round(n * 100) / 100),
      loadGenerator,
      connections,
      durationSeconds,
      warmUpSeconds,
      goal: backend === 'sqlite' ? '≥ 2,000 events/s and ≥ 50 % of the ceiling' : 'reported only',
      mix: `${100 - 100 / newEvery} % repeats of ${openKeyCount} open dedup keys, ${100 / newEvery} % new keys`,
      regime: `stormThreshold ${maxStormThreshold}: every new key opens its own incident; service without an escalation policy (nothing paged); rate limit raised out of the way`,
      eventsPerSecond: run.eventsPerSecond,
      latencyMs: run.latencyMs,
      requests: run.requests,
      non2xx: run.non2xx,
      serverCpuMsPerEvent: run.serverCpuMsPerEvent,
      incidentsOpened,
      stormIncidents,
      ...(regimeWarning ? { regimeWarning } : {}),
      ceiling: { what: ceiling.what, eventsPerSecond: ceilingRun.eventsPerSecond, latencyMs: ceilingRun.latencyMs, requests: ceilingRun.requests, non2xx: ceilingRun.non2xx, serverCpuMsPerEvent: ceilingRun.serverCpuMsPerEvent },
      ceilingEventsPerSecond: ceilingRun.eventsPerSecond,
      ratio,
      ...(backend === 'sqlite' ? { meetsGoal: run.eventsPerSecond >= 2000 && ratio >= 0.5 } : {}),
      ...(storm ? { stormRegime: storm } : {}),
    });
  } finally {
    await muster.close();
  }
}
