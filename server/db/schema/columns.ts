import * as pg from 'drizzle-orm/pg-core';
import * as lite from 'drizzle-orm/sqlite-core';

/**
 * The one place where the two dialects differ in how a value is stored. Each table is written once, in
 * terms of these builders, and built twice: once for SQLite, once for PostgreSQL.
 *
 * The types are PostgreSQL's (the SQLite builders produce the same JS values: string, number, boolean, Date,
 * parsed JSON). Typing stores against PostgreSQL keeps SQLite-only calls such as `.get()` and `.run()` out of
 * the shared store code: every query is awaited and returns rows.
 */
const postgresColumns = {
  table: pg.pgTable,
  text: (name: string) => pg.text(name),
  integer: (name: string) => pg.integer(name),
  boolean: (name: string) => pg.boolean(name),
  /** Millisecond precision, as SQLite keeps it (epoch milliseconds). */
  timestamp: (name: string) => pg.timestamp(name, { withTimezone: true, mode: 'date', precision: 3 }),
  json: (name: string) => pg.jsonb(name),
  index: pg.index,
  uniqueIndex: pg.uniqueIndex,
  primaryKey: pg.primaryKey,
};

export type Columns = typeof postgresColumns;

const sqliteColumns = {
  table: lite.sqliteTable,
  text: (name: string) => lite.text(name),
  integer: (name: string) => lite.integer(name),
  boolean: (name: string) => lite.integer(name, { mode: 'boolean' }),
  timestamp: (name: string) => lite.integer(name, { mode: 'timestamp_ms' }),
  json: (name: string) => lite.text(name, { mode: 'json' }),
  index: lite.index,
  uniqueIndex: lite.uniqueIndex,
  primaryKey: lite.primaryKey,
} as unknown as Columns;

export const columnsFor = { postgres: postgresColumns, sqlite: sqliteColumns } as const;
export type Dialect = keyof typeof columnsFor;
