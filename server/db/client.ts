import type { SQL } from 'drizzle-orm';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import type { Dialect } from './schema/columns';
import type { Tables } from './schema/index';

/**
 * A query handle: the outer database, or the transaction a store function must use. Its tables are its
 * dialect's (`tx.t`); the query builder is typed as PostgreSQL's, which SQLite's matches for everything the
 * stores use (awaited selects, inserts, updates and deletes with `.returning()`).
 */
export type Tx = Pick<PostgresJsDatabase, 'select' | 'selectDistinct' | 'insert' | 'update' | 'delete'> & {
  readonly t: Tables;
  /** Where the data lives: "sqlite" or "postgres" (for the few statements that differ, and /healthz). */
  readonly backend: Dialect;
};

/** What an instance tells the others through the database (PostgreSQL LISTEN/NOTIFY). */
export interface Broadcast {
  /** Calls `onMessage` for every message on `channel`, this instance's own included. */
  listen(channel: string, onMessage: (payload: string) => void): Promise<void>;
  notify(channel: string, payload: string): Promise<void>;
}

export interface Db extends Tx {
  /**
   * Runs `work` in one transaction and commits it, or rolls it back if it throws. On SQLite nothing else
   * touches the connection until it ends; on PostgreSQL it is retried when the server aborts it for a
   * deadlock or a serialization failure, so `work` must do nothing but database writes.
   */
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /** Runs one raw statement and returns its rows (health checks, dialect-specific locks). */
  raw<Row = Record<string, unknown>>(tx: Tx, query: SQL): Promise<Row[]>;
  /** Null on SQLite, where there is only one instance. */
  broadcast: Broadcast | null;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** `postgres://…` selects PostgreSQL; without it the SQLite file is used. */
  url?: string;
  /** The SQLite file. */
  file: string;
}

/** Opens the database named by `url` (PostgreSQL) or `file` (SQLite) and brings its schema up to date. */
export async function openDatabase(options: DatabaseOptions): Promise<Db> {
  if (options.url) {
    const { openPostgres } = await import('./postgres');
    return openPostgres(options.url);
  }
  const { openSqlite } = await import('./sqlite');
  return openSqlite(options.file);
}
