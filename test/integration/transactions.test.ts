import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findUserByEmail, insertUser, listUsers } from '../../server/db/stores/users';
import { createTestApp, type TestApp } from '../helpers/test-app';

// A transaction that awaits (here: a real timer) while other requests keep coming. On SQLite one connection
// serves everything, so without serializing, the other requests' writes would land inside the transaction
// and be rolled back with it, and their reads would see its uncommitted rows.
let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const user = (email: string) => ({ email, name: email, role: 'responder' as const, passwordHash: 'x' });

describe('a transaction that awaits', () => {
  it('keeps other writes out of it: they survive its rollback, and reads never see its rows', async () => {
    let inside!: () => void;
    const entered = new Promise<void>((resolve) => (inside = resolve));
    // Its outcome is taken at once: it may fail before the other requests finish.
    const failing = t.db
      .transaction(async (tx) => {
        await insertUser(tx, user('rolled-back@example.com'), t.clock.now());
        inside();
        await sleep(50);
        throw new Error('the work failed');
      })
      .then(
        () => null,
        (err: Error) => err.message,
      );
    await entered;
    const [written, seen] = await Promise.all([
      insertUser(t.db, user('outside@example.com'), t.clock.now()),
      findUserByEmail(t.db, 'rolled-back@example.com'),
    ]);
    expect(await failing).toBe('the work failed');

    expect(written.email).toBe('outside@example.com');
    expect(seen).toBeUndefined();
    expect((await listUsers(t.db)).map((u) => u.email)).toEqual(['outside@example.com']);
  });

  it('commits as one, while concurrent API requests are answered in between', async () => {
    const admin = await t.signedInUser('admin');
    const committing = t.db.transaction(async (tx) => {
      await insertUser(tx, user('first@example.com'), t.clock.now());
      await sleep(30);
      await insertUser(tx, user('second@example.com'), t.clock.now());
    });
    const requests = await Promise.all(
      Array.from({ length: 5 }, (_, i) => t.request('POST', '/api/v1/teams', { cookie: admin.cookie, body: { name: `team ${i}` } })),
    );
    await committing;
    expect(requests.map((res) => res.status)).toEqual([201, 201, 201, 201, 201]);
    const emails = (await listUsers(t.db)).map((u) => u.email);
    expect(emails).toEqual(expect.arrayContaining(['first@example.com', 'second@example.com']));
    expect((await t.request('GET', '/api/v1/teams', { cookie: admin.cookie })).json.items).toHaveLength(5);
  });

});
