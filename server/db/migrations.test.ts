import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = new URL('../..', import.meta.url).pathname;
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

// One schema, two sets of migrations: a schema change without `npm run db:generate` for both dialects fails here.
describe.each([
  ['sqlite', 'sqlite'],
  ['postgres', 'postgresql'],
])('the %s migrations', (folder, dialect) => {
  it('are up to date with the schema', async () => {
    const out = mkdtempSync(join(tmpdir(), `muster-migrations-${folder}-`));
    dirs.push(out);
    cpSync(join(root, 'server/db/migrations', folder), out, { recursive: true });
    const before = readdirSync(out).sort();
    const { stdout } = await run('npx', ['drizzle-kit', 'generate', '--dialect', dialect, '--schema', `./server/db/schema/${folder}.ts`, '--out', out], { cwd: root });
    expect(readdirSync(out).sort(), stdout).toEqual(before);
  }, 60_000);
});
