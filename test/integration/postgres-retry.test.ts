import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app';

// Two transactions that lock two rows in opposite orders: PostgreSQL aborts one with "deadlock detected", and
// the storage layer must run that one again instead of failing the request.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

function barrier() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

it('runs a transaction again when PostgreSQL aborted it in a deadlock', async () => {
  expect(t.databaseUrl).toMatch(/^postgres:/);
  const { db } = t;
  await db.raw(db, sql`INSERT INTO counters (name, value) VALUES ('deadlock_a', 0), ('deadlock_b', 0)`);
  const lock = (name: string) => sql`UPDATE counters SET value = value + 1 WHERE name = ${name}`;
  const aLocked = barrier();
  const bLocked = barrier();
  const attempts = { first: 0, second: 0 };

  const first = db.transaction(async (tx) => {
    attempts.first++;
    await db.raw(tx, lock('deadlock_a'));
    aLocked.open();
    if (attempts.first === 1) await bLocked.opened;
    await db.raw(tx, lock('deadlock_b'));
  });
  const second = db.transaction(async (tx) => {
    attempts.second++;
    await db.raw(tx, lock('deadlock_b'));
    bLocked.open();
    if (attempts.second === 1) await aLocked.opened;
    await db.raw(tx, lock('deadlock_a'));
  });

  await expect(Promise.all([first, second])).resolves.toBeDefined();
  expect(attempts.first + attempts.second).toBe(3);
  const rows = await db.raw<{ name: string; value: number }>(db, sql`SELECT name, value FROM counters WHERE name LIKE 'deadlock_%' ORDER BY name`);
  expect(rows.map((row) => [row.name, Number(row.value)])).toEqual([
    ['deadlock_a', 2],
    ['deadlock_b', 2],
  ]);
});
