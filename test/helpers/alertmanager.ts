import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './server-process';

export interface WebhookAlert {
  status: 'firing' | 'resolved';
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  generatorURL: string;
  /** Optional: payloads made by hand may leave it out (Muster then keys the alert by its labels). */
  fingerprint?: string;
}

/** One alert of an Alertmanager webhook notification, firing unless `overrides` says otherwise. */
export function webhookAlert(fingerprint: string, labels: Record<string, string>, overrides: Partial<WebhookAlert> = {}): WebhookAlert {
  return {
    status: 'firing',
    labels: { alertname: 'HighLatency', job: 'api', ...labels },
    annotations: { summary: `p99 latency above 2 s on ${labels.instance ?? 'web'}`, description: 'Checkout is slow' },
    startsAt: '2026-03-02T02:55:00.123456789Z',
    endsAt: '0001-01-01T00:00:00Z',
    generatorURL: 'http://prometheus.example.com:9090/graph?g0.expr=latency',
    fingerprint,
    ...overrides,
  };
}

export const resolved = (alert: WebhookAlert): WebhookAlert => ({ ...alert, status: 'resolved', endsAt: '2026-03-02T03:10:00Z' });

/** An Alertmanager webhook notification (payload version 4) for one group, as Alertmanager 0.25 sends it. */
export function webhookNotification(groupKey: string, alerts: WebhookAlert[], overrides: Record<string, unknown> = {}) {
  return {
    version: '4',
    groupKey,
    truncatedAlerts: 0,
    status: alerts.some((alert) => alert.status === 'firing') ? 'firing' : 'resolved',
    receiver: 'muster',
    groupLabels: { alertname: alerts[0]?.labels.alertname ?? '' },
    commonLabels: {},
    commonAnnotations: {},
    externalURL: 'http://alertmanager.example.com:9093',
    alerts,
    ...overrides,
  };
}

export const alertmanagerBinary = '/usr/bin/prometheus-alertmanager';

export interface AlertmanagerProcess {
  url: string;
  /** Posts alerts to Alertmanager's own API, as Prometheus does. */
  postAlerts(alerts: Array<{ labels: Record<string, string>; annotations?: Record<string, string>; startsAt?: string; endsAt?: string; generatorURL?: string }>): Promise<void>;
  output(): string;
  stop(): Promise<void>;
}

/** Throws, with the command that fixes it, when the Debian package is missing: its tests fail, they never skip. */
export function requireAlertmanager(): void {
  if (existsSync(alertmanagerBinary)) return;
  throw new Error(
    `Prometheus Alertmanager is not installed (${alertmanagerBinary} is missing): run \`apt-get install -y prometheus-alertmanager\` as root, or \`node scripts/system-deps.mjs\`.`,
  );
}

/**
 * Starts the Debian package's Alertmanager on loopback with `configYaml`, clustering off (with it on,
 * notifications wait for gossip to settle), and resolves once it is ready. Fails, never skips, without it.
 */
export async function startAlertmanager(configYaml: string): Promise<AlertmanagerProcess> {
  requireAlertmanager();
  const dir = mkdtempSync(join(tmpdir(), 'muster-alertmanager-'));
  const configFile = join(dir, 'alertmanager.yml');
  writeFileSync(configFile, configYaml);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    alertmanagerBinary,
    [`--config.file=${configFile}`, `--storage.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--cluster.listen-address=', '--log.level=debug'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const stop = async () => {
    process.off('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(`Alertmanager exited with ${child.exitCode ?? child.signalCode} before it was ready:\n${output}`);
    }
    const ready = await fetch(`${url}/-/ready`).then((res) => res.ok, () => false);
    if (ready) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`Alertmanager was not ready within 15 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  return {
    url,
    async postAlerts(alerts) {
      const res = await fetch(`${url}/api/v2/alerts`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(alerts) });
      if (!res.ok) throw new Error(`Alertmanager refused the alerts: ${res.status} ${await res.text()}`);
    },
    output: () => output,
    stop,
  };
}
