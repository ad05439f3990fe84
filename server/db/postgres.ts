import { sql, type SQL } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import type { Broadcast, Db, Tx } from './client';
import { defineTables } from './schema/index';

const migrationsFolder = fileURLToPath(new URL('./migrations/postgres', import.meta.url));

/** Any fixed number: the advisory lock every instance takes before migrating, so only one migrates at a time. */
const migrationLock = 0x6d757374; // "must"

/** Deadlock detected, serialization failure: the server rolled the transaction back and it may simply be run again. */
const retryableCodes = new Set(['40P01', '40001']);
const maxAttempts = 5;

/** Drizzle wraps the driver's error (`DrizzleQueryError`), so its SQLSTATE is on the cause. */
const sqlState = (err: unknown): string | undefined => {
  const { code, cause } = (err ?? {}) as { code?: unknown; cause?: unknown };
  return typeof code === 'string' ? code : cause ? sqlState(cause) : undefined;
};

/**
 * PostgreSQL through postgres.js: it prepares each distinct statement once per connection on its own (no
 * per-call prepare round trip) and has LISTEN/NOTIFY built in, which several instances use to wake each
 * other's engines and live updates; `pg` would need both added by hand.
 */
export async function openPostgres(url: string): Promise<Db> {
  await migrateUnderLock(url);
  const client = postgres(url, { max: 10, onnotice: () => undefined });
  const t = defineTables('postgres');
  const asTx = (handle: object): Tx => Object.assign(handle, { t, backend: 'postgres' as const }) as unknown as Tx;
  const outer = drizzle(client);
  const begin = outer.transaction.bind(outer);

  const broadcast: Broadcast = {
    async listen(channel, onMessage) {
      await client.listen(channel, onMessage);
    },
    async notify(channel, payload) {
      await client.notify(channel, payload);
    },
  };

  const db = Object.assign(asTx(outer), {
    broadcast,
    async transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
      for (let attempt = 1; ; attempt++) {
        try {
          return await begin((tx) => work(asTx(tx)));
        } catch (err) {
          if (attempt >= maxAttempts || !retryableCodes.has(sqlState(err) ?? '')) throw err;
        }
      }
    },
    async raw<Row>(tx: Tx, query: SQL): Promise<Row[]> {
      return (await (tx as unknown as { execute(query: SQL): Promise<Row[]> }).execute(query)) as Row[];
    },
    async close() {
      await client.end({ timeout: 5 });
    },
  });
  return db as unknown as Db;
}

/** Several instances may start at once: one migrates while the others wait on the lock, then find nothing to do. */
async function migrateUnderLock(url: string): Promise<void> {
  const client = postgres(url, { max: 1, onnotice: () => undefined });
  try {
    const db = drizzle(client);
    await db.execute(sql`select pg_advisory_lock(${migrationLock})`);
    try {
      await migrate(db, { migrationsFolder });
    } finally {
      await db.execute(sql`select pg_advisory_unlock(${migrationLock})`);
    }
  } finally {
    await client.end({ timeout: 5 });
  }
}
