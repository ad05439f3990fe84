import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { loadOrCreateSecret } from '../../server/auth/data-dir-secret';
import { loadSharedKeys, pageTokenKeyFile } from '../../server/cluster/shared-keys';
import { loadOrCreateVapidKeys } from '../../server/push/vapid';
import { createTestApp, type TestApp } from '../helpers/test-app';

// An install that kept its keys in DATA_DIR moves onto a database (a new SQLite schema, or PostgreSQL): the
// phones it registered must keep receiving pages, and tokens it signed must keep working.
let t: TestApp;
let oldDataDir: string;
beforeEach(async () => {
  t = await createTestApp();
  oldDataDir = mkdtempSync(join(tmpdir(), 'muster-old-data-'));
});
afterEach(async () => {
  await t.close();
  rmSync(oldDataDir, { recursive: true, force: true });
});

const subject = 'mailto:ops@example.com';

it('takes the VAPID keys and the page-token secret from an existing DATA_DIR the first time, then keeps them', async () => {
  // The test app already stored keys of its own; a database without them is what an old install meets.
  await t.db.delete(t.db.t.sharedKeys);
  const vapid = loadOrCreateVapidKeys(oldDataDir, subject);
  const pageTokenKey = loadOrCreateSecret(oldDataDir, pageTokenKeyFile);

  const first = await loadSharedKeys(t.db, oldDataDir, subject, t.clock.now());
  expect(first).toEqual({ vapid, pageTokenKey });

  // Another instance with its own, empty DATA_DIR gets the same keys from the database.
  const elsewhere = mkdtempSync(join(tmpdir(), 'muster-other-data-'));
  try {
    expect(await loadSharedKeys(t.db, elsewhere, subject, t.clock.now())).toEqual(first);
  } finally {
    rmSync(elsewhere, { recursive: true, force: true });
  }
  expect(JSON.parse(readFileSync(join(oldDataDir, 'vapid.json'), 'utf8')).publicKey).toBe(first.vapid.publicKey);
});

it('makes new keys for a new install without writing them to DATA_DIR', async () => {
  await t.db.delete(t.db.t.sharedKeys);
  const keys = await loadSharedKeys(t.db, oldDataDir, subject, t.clock.now());
  expect(keys.pageTokenKey).toHaveLength(32);
  expect(keys.vapid.publicKey).toMatch(/^[\w-]{87}$/);
  expect(await loadSharedKeys(t.db, oldDataDir, subject, t.clock.now())).toEqual(keys);
  expect(readdirSync(oldDataDir)).toEqual([]);
});
