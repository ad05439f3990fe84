import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { get as httpsGet } from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export const serverAdmin = { email: 'admin@muster.test', password: 'admin password 1234' };

export interface ServerProcessOptions {
  /** Reuse a data directory, e.g. to restart on the same database after a crash. Kept on cleanup. */
  dataDir?: string;
  /** Reuse a port, e.g. so open browser pages reconnect to the restarted server. */
  port?: number;
  /** Extra or overriding environment variables. */
  env?: Record<string, string>;
  /** Serve HTTPS with this certificate (TLS_CERT_FILE / TLS_KEY_FILE); `certPem` is trusted for the health check. */
  tls?: { certFile: string; keyFile: string; certPem: string };
  /** How long to wait for /healthz before giving up. */
  startTimeoutMs?: number;
  /** Start with no user at all, as `npm start` does, instead of creating `serverAdmin`. */
  noAdmin?: boolean;
}

export interface ServerProcess {
  url: string;
  port: number;
  dataDir: string;
  process: ChildProcess;
  /** Everything the server printed so far (for failure messages). */
  output(): string;
  /** Sends `signal` (SIGTERM by default) and waits for the exit; the data directory stays. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** A crash: SIGKILL, no shutdown code runs. Waits for the exit; the data directory stays. */
  kill9(): Promise<number | null>;
  /** Stops the server if it still runs and removes the data directory if this helper made it. */
  cleanup(): Promise<void>;
}

const running = new Set<ChildProcess>();
// A test that throws before its cleanup must not leave servers behind holding ports.
process.once('exit', () => running.forEach((child) => child.kill('SIGKILL')));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** GET `url` answers 200; over https, trusting only `ca` (fetch cannot be given a CA). */
export function answers(url: string, ca?: string): Promise<boolean> {
  if (!ca) return fetch(url).then((res) => res.ok, () => false);
  return new Promise((resolve) => {
    httpsGet(url, { ca }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    }).on('error', () => resolve(false));
  });
}

/** Starts `node --import tsx server/main.ts` on 127.0.0.1 and resolves once /healthz answers 200. */
export async function startServer(options: ServerProcessOptions = {}): Promise<ServerProcess> {
  const ownDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'muster-e2e-'));
  const port = options.port ?? (await freePort());
  const url = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;

  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      ...(!options.noAdmin && { MUSTER_ADMIN_EMAIL: serverAdmin.email, MUSTER_ADMIN_PASSWORD: serverAdmin.password }),
      ...(options.tls && { TLS_CERT_FILE: options.tls.certFile, TLS_KEY_FILE: options.tls.keyFile }),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));

  const stopWith = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited(child);
  };
  const server: ServerProcess = {
    url,
    port,
    dataDir,
    process: child,
    output: () => output,
    stop: (signal = 'SIGTERM') => stopWith(signal),
    kill9: () => stopWith('SIGKILL'),
    async cleanup() {
      await stopWith('SIGKILL');
      if (ownDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };

  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await server.cleanup();
      throw new Error(`the server exited with ${child.exitCode ?? child.signalCode} before it was healthy:\n${output}`);
    }
    const healthy = await answers(`${url}/healthz`, options.tls?.certPem);
    if (healthy) return server;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await server.cleanup();
  throw new Error(`the server did not answer ${url}/healthz within the timeout:\n${output}`);
}
