import { serve } from '@hono/node-server';
import { fork } from 'node:child_process';
import { Agent } from 'node:https';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../server/clock';
import { openDatabase } from '../server/db/client';
import { createApiToken } from '../server/db/stores/credentials';
import { createMuster } from '../server/muster';
import { startPostgresCluster } from '../test/helpers/postgres-cluster';
import { createUser } from '../server/services/accounts/create-user';
import type { FromPushService, ToPushService } from './push-service';

// Measure what `npm start` runs: production mode (no development-only checks).
process.env.NODE_ENV ??= 'production';

export type Backend = 'sqlite' | 'postgres';

/** The backends to measure: both by default, or those named in BENCH_BACKENDS (comma-separated). */
export const benchBackends = (process.env.BENCH_BACKENDS ?? 'sqlite,postgres').split(',') as Backend[];

/**
 * A real Muster (HTTP on loopback, real clock, engine timers) on a temp SQLite file, or on a throwaway
 * PostgreSQL server on loopback.
 */
export async function startBenchServer(
  { agent: pushAgent, host: pushHost }: { agent: Agent; host: string },
  backend: Backend,
  options: { eventsPerMinute?: number } = {},
) {
  const dir = mkdtempSync(join(tmpdir(), 'muster-bench-'));
  const cluster = backend === 'postgres' ? await startPostgresCluster() : null;
  const db = await openDatabase({ url: cluster?.url, file: join(dir, 'muster.db') });
  const muster = await createMuster({
    db,
    clock: systemClock,
    dataDir: dir,
    vapidSubject: 'mailto:bench@example.com',
    pushAllowedHosts: [pushHost],
    pushAgent,
    eventsPerMinute: options.eventsPerMinute,
  });
  await muster.engine.start();
  // A load generator stops with requests still running on the server: closing waits for them.
  let inFlight = 0;
  const counted: typeof muster.app.fetch = async (...args) => {
    inFlight++;
    try {
      return await muster.app.fetch(...args);
    } finally {
      inFlight--;
    }
  };
  const server = serve({ fetch: counted, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const admin = await createUser(db, { email: 'bench@example.com', name: 'Bench', password: 'bench password 1', role: 'admin' }, new Date());
  const { token } = await createApiToken(db, admin.id, 'bench', new Date());

  async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${url}/api/v1${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
    return text ? JSON.parse(text) : (undefined as T);
  }

  return {
    url,
    /** An admin's API token, for load generators that call the API themselves. */
    token,
    db,
    /** The throwaway PostgreSQL server's URL (null on SQLite), for a bare client to measure against. */
    databaseUrl: cluster?.url ?? null,
    /** A temp directory removed on close. */
    dir,
    muster,
    admin,
    api,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      while (inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 10));
      await muster.engine.stop();
      await db.close();
      await cluster?.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function summarize(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    count: sorted.length,
    p50: round(percentile(sorted, 50)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1]),
  };
}

/** Prints the figures and keeps them in bench/results/<name>.json with the machine they came from. */
export function writeResult(name: string, figures: Record<string, unknown>): void {
  const dir = new URL('./results/', import.meta.url).pathname;
  mkdirSync(dir, { recursive: true });
  const result = { name, at: new Date().toISOString(), node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model, ...figures };
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
}

/** Starts bench/push-service.ts in a child process and talks to it over IPC. */
export async function startPushServiceProcess() {
  const child = fork(new URL('./push-service.ts', import.meta.url).pathname, { execArgv: ['--import', 'tsx'] });
  const received: Array<Extract<FromPushService, { type: 'received' }>> = [];
  const listeners = new Set<(message: FromPushService) => void>();
  child.on('message', (message: FromPushService) => {
    if (message.type === 'received') received.push(message);
    for (const listener of listeners) listener(message);
  });
  const next = <T extends FromPushService['type']>(type: T, predicate: (m: Extract<FromPushService, { type: T }>) => boolean = () => true) =>
    new Promise<Extract<FromPushService, { type: T }>>((resolve) => {
      const listener = (message: FromPushService) => {
        if (message.type === type && predicate(message as Extract<FromPushService, { type: T }>)) {
          listeners.delete(listener);
          resolve(message as Extract<FromPushService, { type: T }>);
        }
      };
      listeners.add(listener);
    });
  const { caPem, host } = await next('ready');
  return {
    received,
    host,
    agent: new Agent({ ca: caPem, keepAlive: true }),
    async subscribe(label: string) {
      const answer = next('subscription', (m) => m.label === label);
      child.send({ type: 'subscribe', label } satisfies ToPushService);
      return answer;
    },
    /** The wall-clock time (ms) at which a push matching `predicate` arrived. */
    arrival(predicate: (payload: string | null) => boolean): Promise<number> {
      const seen = received.find((m) => predicate(m.payload));
      if (seen) return Promise.resolve(seen.at);
      return next('received', (m) => predicate(m.payload)).then((m) => m.at);
    },
    close() {
      child.send({ type: 'close' } satisfies ToPushService);
    },
  };
}
