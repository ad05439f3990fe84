import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the SQLite migrations that stops before `tag`, so data can be written as an older Muster stored it. */
function migrationsBefore(tag: string): { folder: string; restore: () => void } {
  const folder = mkdtempSync(join(tmpdir(), 'muster-backfill-'));
  dirs.push(folder);
  cpSync(join(root, 'server/db/migrations/sqlite'), folder, { recursive: true });
  const journalPath = join(folder, 'meta/_journal.json');
  const full = readFileSync(journalPath, 'utf8');
  const journal = JSON.parse(full) as { entries: { tag: string }[] };
  const cut = journal.entries.findIndex((entry) => entry.tag === tag);
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, cut) }));
  return { folder, restore: () => writeFileSync(journalPath, full) };
}

describe('the incident-command migration', () => {
  it('gives existing incidents the phase their status implies and who acknowledged them, from the timeline', () => {
    const { folder, restore } = migrationsBefore('0008_incident_command');
    const sqlite = new Database(':memory:');
    // Migration 0002 calls this (server/db/sqlite.ts registers it the same way); no key is stored here.
    sqlite.function('muster_sha256_hex', (value) => String(value));
    const db = drizzle(sqlite);
    migrate(db, { migrationsFolder: folder });
    sqlite.exec(`
      INSERT INTO services (id, name, integration_key_hash, created_at) VALUES ('s1', 'API', 'h', 0);
      INSERT INTO incidents (id, number, title, status, severity, service_id, created_at, updated_at, started_at, detected_at, acknowledged_at, resolved_at)
        VALUES ('i1', 1, 'open', 'triggered', 'SEV-2', 's1', 0, 0, 0, 0, NULL, NULL),
               ('i2', 2, 'acked', 'acknowledged', 'SEV-2', 's1', 0, 0, 0, 0, 1000, NULL),
               ('i3', 3, 'done', 'resolved', 'SEV-3', 's1', 0, 0, 0, 0, 1000, 2000);
      INSERT INTO incident_events (id, incident_id, seq, type, at, actor_type, actor_id, actor_name, data)
        VALUES ('e1', 'i2', 1, 'acknowledged', 1000, 'user', 'u-ada', 'Ada', '{}'),
               ('e2', 'i3', 1, 'acknowledged', 900, 'user', 'u-ada', 'Ada', '{}'),
               ('e3', 'i3', 2, 'acknowledged', 1000, 'integration', NULL, 'Prometheus (Alertmanager)', '{}');
    `);
    restore();
    migrate(db, { migrationsFolder: folder });
    const rows = sqlite.prepare('SELECT id, phase, acknowledged_by_id AS byId, acknowledged_by_name AS byName FROM incidents ORDER BY number').all();
    expect(rows).toEqual([
      { id: 'i1', phase: 'triage', byId: null, byName: null },
      { id: 'i2', phase: 'response', byId: 'u-ada', byName: 'Ada' },
      { id: 'i3', phase: 'recovery', byId: null, byName: 'Prometheus (Alertmanager)' },
    ]);
    sqlite.close();
  });
});
