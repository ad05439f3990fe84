import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256 } from '../../server/auth/secrets';
import { openDatabase } from '../../server/db/client';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { usePagingSuite } from '../helpers/paging';

/** Every byte of the SQLite database as it is on disk, the write-ahead log included. */
function databaseBytes(dir: string): string {
  return readdirSync(dir)
    .filter((name) => name.startsWith('muster.db'))
    .map((name) => readFileSync(join(dir, name)).toString('latin1'))
    .join('');
}

describe('secrets shown once are never stored', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(() => t.close());

  it('an API token is in neither the file nor the Idempotency-Key replay, which still gives its metadata', async () => {
    const { cookie } = await t.signedInUser('responder');
    const headers = { 'Idempotency-Key': 'new-token-1' };
    const created = await t.request('POST', '/api/v1/me/tokens', { cookie, headers, body: { name: 'grafana' } });
    expect(created.status).toBe(201);
    const token: string = created.json.token;
    expect(token.length).toBeGreaterThan(20);

    const replay = await t.request('POST', '/api/v1/me/tokens', { cookie, headers, body: { name: 'grafana' } });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
    expect(replay.json).toEqual({ id: created.json.id, name: 'grafana', createdAt: created.json.createdAt, lastUsedAt: null });
    expect(replay.text).not.toContain(token);

    expect(databaseBytes(t.dir)).not.toContain(token);
    expect(databaseBytes(t.dir)).toContain(sha256(token));
  });

  it('an integration key is kept as its hash, and neither creation nor rotation replays it', async () => {
    const admin = await t.signedInUser('admin');
    const created = await t.request('POST', '/api/v1/services', { cookie: admin.cookie, headers: { 'Idempotency-Key': 'svc-1' }, body: { name: 'Checkout' } });
    const rotated = await t.request('POST', `/api/v1/services/${created.json.id}/rotate-key`, { cookie: admin.cookie, headers: { 'Idempotency-Key': 'rot-1' } });
    const keys: string[] = [created.json.integrationKey, rotated.json.integrationKey];
    expect(keys).toEqual([expect.stringMatching(/^[A-Za-z0-9]{32}$/), expect.stringMatching(/^[A-Za-z0-9]{32}$/)]);

    const replays = [
      await t.request('POST', '/api/v1/services', { cookie: admin.cookie, headers: { 'Idempotency-Key': 'svc-1' }, body: { name: 'Checkout' } }),
      await t.request('POST', `/api/v1/services/${created.json.id}/rotate-key`, { cookie: admin.cookie, headers: { 'Idempotency-Key': 'rot-1' } }),
    ];
    for (const replay of replays) {
      expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
      expect(replay.json).toMatchObject({ id: created.json.id, name: 'Checkout' });
      expect(replay.json).not.toHaveProperty('integrationKey');
    }
    const bytes = databaseBytes(t.dir);
    for (const key of keys) expect(bytes).not.toContain(key);
    expect(bytes).toContain(sha256(keys[1]));
  });
});

describe('page tokens', () => {
  const suite = usePagingSuite();

  it('are signed as the push leaves and never written to the outbox', async () => {
    const { t, p } = suite;
    const alice = await p.responder('alice');
    const service = await p.serviceWithPolicy(await p.policy([{ delaySeconds: 300, targets: [{ type: 'user', id: alice.user.id }] }]));
    const incident = await p.trigger(service.id);
    const { ackToken, incidentId } = p.lastPayloadTo('alice-1');
    expect(incidentId).toBe(incident.id);
    expect(ackToken).toMatch(/^[\w-]+\.[\w-]+$/);
    expect(databaseBytes(t.dir)).not.toContain(ackToken);
  });
});

describe('migration 0002', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('replaces integration keys stored in plaintext with their hash, so the keys monitoring tools hold still match', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'muster-migrate-'));
    dirs.push(dir);
    // A database as the first wave left it: only the first two migrations applied.
    const migrations = join(dir, 'migrations');
    cpSync(new URL('../../server/db/migrations/sqlite', import.meta.url), migrations, { recursive: true });
    const journalFile = join(migrations, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8'));
    journal.entries = journal.entries.filter((entry: { tag: string }) => ['0000_foundation', '0001_paging'].includes(entry.tag));
    writeFileSync(journalFile, JSON.stringify(journal));
    const file = join(dir, 'muster.db');
    const old = new Database(file);
    migrate(drizzle(old), { migrationsFolder: migrations });
    const plaintext = 'AbCdEfGhIjKlMnOpQrStUvWxYz012345';
    old.prepare(`insert into services (id, name, integration_key, created_at) values ('s1', 'Legacy', ?, 0)`).run(plaintext);
    old.close();

    const db = await openDatabase({ file });
    const [row] = await db.select({ hash: db.t.services.integrationKeyHash }).from(db.t.services);
    await db.close();
    expect(row.hash).toBe(sha256(plaintext));
  });
});
