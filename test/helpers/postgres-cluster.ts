import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { userInfo } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const bin = '/usr/lib/postgresql/15/bin';

export interface PostgresCluster {
  /** Connects as the cluster's superuser to the `postgres` database. */
  url: string;
  /** The same server, another database. */
  urlFor(database: string): string;
  stop(): Promise<void>;
}

/** Binds port 0 to learn a free port, then frees it for the server. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * A throwaway PostgreSQL server in a temp directory on a free loopback port: what the tests run Muster
 * against. Its binaries refuse to run as root, so as root they run as the `postgres` user the Debian package
 * creates. Durability is off (fsync): the cluster is deleted afterwards anyway.
 */
export async function startPostgresCluster(): Promise<PostgresCluster> {
  if (!existsSync(join(bin, 'initdb'))) {
    throw new Error(`PostgreSQL 15 is not installed (no ${bin}/initdb): run \`apt-get install -y postgresql\` (as root), or npm test as root to have it installed`);
  }
  const asRoot = userInfo().uid === 0;
  const dir = mkdtempSync(join(tmpdir(), 'muster-pg-'));
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const pg = (tool: string, args: string[]) => (asRoot ? run('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]) : run(join(bin, tool), args));
  const data = join(dir, 'data');
  await pg('initdb', ['-D', data, '-A', 'trust', '-U', 'muster', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const port = await freePort();
  const settings = ['-k', dir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=400'];
  await pg('pg_ctl', ['-D', data, '-o', settings.join(' '), '-l', join(dir, 'log'), '-w', 'start']);
  const urlFor = (database: string) => `postgres://muster@127.0.0.1:${port}/${database}`;
  return {
    url: urlFor('postgres'),
    urlFor,
    async stop() {
      await pg('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
