import { afterEach, beforeEach, expect, it } from 'vitest';
import { findUserByEmail } from '../../server/db/stores/users';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

// On SQLite a transaction holds the one connection: a query on the outer handle from inside it would wait
// for the transaction to end, which waits for the query. It fails at once, naming the mistake.
it('refuses the outer handle inside its own callback instead of waiting for itself', async () => {
  const misuse = t.db.transaction(async () => findUserByEmail(t.db, 'x@example.com'));
  // Drizzle wraps it with the query that failed.
  await expect(misuse).rejects.toMatchObject({ cause: { message: expect.stringMatching(/use the transaction handle/) } });
  // The connection is usable again afterwards.
  expect(await findUserByEmail(t.db, 'x@example.com')).toBeUndefined();
});
