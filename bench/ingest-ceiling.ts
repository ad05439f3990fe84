// The stack's ceiling for bench/ingest.ts: bare Hono on @hono/node-server answering POST /v2/enqueue with one
// INSERT of one row per request (better-sqlite3 with Muster's pragmas, or postgres.js with Muster's pool size).
// Runs in a process of its own, as Muster runs in the bench's: nothing of Muster's (engine timers, the SQLite
// handle's AsyncLocalStorage promise hooks) is loaded here. Started with fork(); IPC:
//   → { backend, dir, databaseUrl }   ← { url, what }
//   → 'cpu'                           ← { cpu: { user, system } }   (process.cpuUsage(), µs)
//   → 'close'                         ← exits
import { serve } from '@hono/node-server';
import Database from 'better-sqlite3';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import postgres from 'postgres';

export interface CeilingStart {
  backend: 'sqlite' | 'postgres';
  /** A directory for the SQLite file. */
  dir: string;
  /** The PostgreSQL server to insert into (postgres only). */
  databaseUrl: string | null;
}

interface EnqueueBody {
  dedup_key: string;
  payload: { summary: string; severity: string };
}
const accepted = (dedupKey: string) => ({ status: 'success', message: 'Event processed', dedup_key: dedupKey });

async function start({ backend, dir, databaseUrl }: CeilingStart) {
  const app = new Hono();
  let close: () => Promise<void>;
  let what: string;
  if (backend === 'sqlite') {
    // The pragmas Muster sets (server/db/sqlite.ts); each INSERT commits on its own.
    const sqlite = new Database(join(dir, 'ceiling.db'));
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.exec('CREATE TABLE events (id TEXT PRIMARY KEY, dedup_key TEXT NOT NULL, summary TEXT NOT NULL, severity TEXT NOT NULL, received_at INTEGER NOT NULL)');
    const insert = sqlite.prepare('INSERT INTO events (id, dedup_key, summary, severity, received_at) VALUES (?, ?, ?, ?, ?)');
    app.post('/v2/enqueue', async (c) => {
      const event = await c.req.json<EnqueueBody>();
      insert.run(crypto.randomUUID(), event.dedup_key, event.payload.summary, event.payload.severity, Date.now());
      return c.json(accepted(event.dedup_key), 202);
    });
    close = async () => {
      sqlite.close();
    };
    what = 'bare Hono on @hono/node-server + better-sqlite3 (WAL, synchronous=NORMAL, foreign_keys, busy_timeout), own process: JSON body parsed, one INSERT of one row per request';
  } else {
    // The pool size Muster uses (server/db/postgres.ts), on the same throwaway server.
    const client = postgres(databaseUrl!, { max: 10, onnotice: () => undefined });
    await client`CREATE TABLE ceiling_events (id uuid PRIMARY KEY, dedup_key text NOT NULL, summary text NOT NULL, severity text NOT NULL, received_at timestamptz NOT NULL)`;
    app.post('/v2/enqueue', async (c) => {
      const event = await c.req.json<EnqueueBody>();
      await client`INSERT INTO ceiling_events (id, dedup_key, summary, severity, received_at) VALUES (${crypto.randomUUID()}, ${event.dedup_key}, ${event.payload.summary}, ${event.payload.severity}, ${new Date()})`;
      return c.json(accepted(event.dedup_key), 202);
    });
    close = () => client.end({ timeout: 5 });
    what = 'bare Hono on @hono/node-server + postgres.js (pool of 10, as Muster), own process: JSON body parsed, one INSERT of one row per request';
  }
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    what,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await close();
    },
  };
}

let ceiling: Awaited<ReturnType<typeof start>> | undefined;
process.on('message', (message: CeilingStart | 'cpu' | 'close') => {
  if (message === 'cpu') process.send!({ cpu: process.cpuUsage() });
  else if (message === 'close') void (ceiling?.close() ?? Promise.resolve()).finally(() => process.exit(0));
  else
    start(message).then(
      (started) => {
        ceiling = started;
        process.send!({ url: started.url, what: started.what });
      },
      (err: Error) => process.send!({ error: err.stack ?? String(err) }, () => process.exit(1)),
    );
});
