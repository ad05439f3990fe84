import Database from 'better-sqlite3';
import { drizzle as syncDrizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { SQL } from 'drizzle-orm';
import { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core';
import { drizzle, type AsyncRemoteCallback } from 'drizzle-orm/sqlite-proxy';
import { AsyncLocalStorage } from 'node:async_hooks';
import { fileURLToPath } from 'node:url';
import { sha256 } from '../auth/secrets';
import type { Db, Tx } from './client';
import { defineTables } from './schema/index';

const migrationsFolder = fileURLToPath(new URL('./migrations/sqlite', import.meta.url));

/** Runs tasks one at a time, in the order they asked. */
class Mutex {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => T | Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}

/** Prepared statements by SQL text; bounded, since `IN (…)` lists of other lengths make new texts. */
const maxCachedStatements = 1000;
const dialect = new SQLiteAsyncDialect();

/**
 * The embedded database: one better-sqlite3 connection shared by the whole process. A transaction holds the
 * connection from `BEGIN IMMEDIATE` to `COMMIT` while its callback awaits, so every other query waits on a
 * mutex until it ends: nothing another request runs can land inside it. A query made on the outer handle
 * from inside the transaction's own callback would wait for itself; outside production it is refused at once
 * instead. That check follows each transaction through its awaits (AsyncLocalStorage), which puts a hook on
 * every promise of the process and costs about a tenth of the server's CPU under load: it is a programming
 * error the tests catch, not a condition production meets.
 */
export function openSqlite(file: string): Db {
  const checkOuterQueries = process.env.NODE_ENV !== 'production';
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  // Migration 0002 hashes the integration keys stored before only their hash was kept.
  sqlite.function('muster_sha256_hex', { deterministic: true }, (value) => sha256(String(value)));
  migrate(syncDrizzle(sqlite), { migrationsFolder });

  const statements = new Map<string, Database.Statement>();
  function statement(query: string): Database.Statement {
    let prepared = statements.get(query);
    if (prepared) return prepared;
    if (statements.size >= maxCachedStatements) statements.delete(statements.keys().next().value!);
    prepared = sqlite.prepare(query);
    statements.set(query, prepared);
    return prepared;
  }
  function execute(query: string, params: unknown[], method: Parameters<AsyncRemoteCallback>[2]) {
    const prepared = statement(query);
    if (!prepared.reader) {
      prepared.run(...params);
      return { rows: [] };
    }
    if (method === 'get') return { rows: prepared.raw(true).get(...params) as unknown[] };
    return { rows: prepared.raw(true).all(...params) };
  }

  const mutex = new Mutex();
  const transactionOf = new AsyncLocalStorage<object>();
  let open: object | null = null;
  const t = defineTables('sqlite');
  const asTx = (handle: object): Tx => Object.assign(handle, { t, backend: 'sqlite' as const }) as unknown as Tx;

  const inside = asTx(drizzle(async (query, params, method) => execute(query, params, method)));
  const outside = drizzle(async (query, params, method) => {
    if (checkOuterQueries && open && transactionOf.getStore() === open) {
      throw new Error('a query on the outer database inside a transaction would wait for itself: use the transaction handle');
    }
    return mutex.run(() => execute(query, params, method));
  });

  const db = Object.assign(asTx(outside), {
    broadcast: null,
    transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
      return mutex.run(async () => {
        const token = {};
        sqlite.exec('BEGIN IMMEDIATE');
        open = token;
        try {
          const result = await (checkOuterQueries ? transactionOf.run(token, () => work(inside)) : work(inside));
          sqlite.exec('COMMIT');
          return result;
        } catch (err) {
          if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
          throw err;
        } finally {
          open = null;
        }
      });
    },
    async raw<Row>(tx: Tx, query: SQL): Promise<Row[]> {
      const { sql: text, params } = dialect.sqlToQuery(query);
      const run = () => sqlite.prepare(text).all(...params) as Row[];
      return tx === inside ? run() : mutex.run(run);
    },
    async close() {
      await mutex.run(() => sqlite.close());
    },
  });
  return db as unknown as Db;
}
