import { sql, type Placeholder } from 'drizzle-orm';
import type { Tx } from './client';

interface Preparable<P> {
  prepare(name: string): P;
}

const statements = new WeakMap<Tx, Map<string, unknown>>();

/**
 * A hot-path statement (run per request or per timeline event), built by Drizzle and prepared once per handle
 * instead of on every call; values go in through `sql.placeholder`s at `execute`. On SQLite the outer handle
 * and the transaction handle live as long as the database, so each statement is built once for good. A
 * PostgreSQL transaction gets a new handle, so there the build is repeated per transaction, while postgres.js
 * keeps the server-side prepared statement per connection.
 */
export function prepared<P>(tx: Tx, name: string, build: (tx: Tx) => Preparable<P>): P {
  let byName = statements.get(tx);
  if (!byName) statements.set(tx, (byName = new Map()));
  let statement = byName.get(name) as P | undefined;
  if (!statement) byName.set(name, (statement = build(tx).prepare(name)));
  return statement;
}

/** `{ name: sql.placeholder(name) }` for each name: the values of a prepared insert, filled at `execute`. */
export function placeholders<Name extends string>(names: readonly Name[]): Record<Name, Placeholder<Name>> {
  return Object.fromEntries(names.map((name) => [name, sql.placeholder(name)])) as Record<Name, Placeholder<Name>>;
}
