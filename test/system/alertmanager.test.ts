import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Alert } from '../../shared/api/detection';
import type { Incident } from '../../shared/api/incidents';
import type { PagePayload } from '../../shared/api/push';
import { signIn, type ApiSession } from '../helpers/api-session';
import { requireAlertmanager, startAlertmanager, type AlertmanagerProcess } from '../helpers/alertmanager';
import { startPushEndpoint, type PushEndpoint } from '../helpers/push-endpoint';
import { serverAdmin, startServer, type ServerProcess } from '../helpers/server-process';

/*
 * A real Prometheus Alertmanager (the Debian package) pages through a real Muster process: one route through its
 * PagerDuty receiver pointed at Muster's Events API, the other through its webhook receiver. Alertmanager's own
 * timers do the resending, so this is where "repeats are harmless" is checked against the real thing.
 */

let push: PushEndpoint;
let muster: ServerProcess;
let alertmanager: AlertmanagerProcess | undefined;
let admin: ApiSession;
const services: Record<'webhook' | 'pagerduty', { id: string; integrationKey: string }> = {} as never;

/**
 * The Alertmanager configuration docs/integrations.md gives, pointed at this Muster with test-speed timers. Each
 * substitution must find its text, so the documented block cannot drift from what was run here.
 */
function documentedConfig(musterUrl: string, keys: { webhook: string; pagerduty: string }): string {
  const doc = readFileSync(new URL('../../docs/integrations.md', import.meta.url), 'utf8');
  const block = /```yaml\n([\s\S]*?)```/.exec(doc);
  if (!block) throw new Error('docs/integrations.md has no yaml block');
  const substitutions: Array<[string, string]> = [
    ['/integrations/alertmanager/<integration key>', `/integrations/alertmanager/${keys.webhook}`],
    ['routing_key: <integration key>', `routing_key: ${keys.pagerduty}`],
    ['resolve_timeout: 5m', 'resolve_timeout: 10s'],
    ['group_wait: 30s', 'group_wait: 1s'],
    ['group_interval: 5m', 'group_interval: 2s'],
    ['repeat_interval: 4h', 'repeat_interval: 2s'],
  ];
  let config = block[1]!;
  for (const [from, to] of substitutions) {
    if (!config.includes(from)) throw new Error(`the documented Alertmanager config no longer has "${from}"`);
    config = config.replaceAll(from, to);
  }
  return config.replaceAll('https://muster.example.com', musterUrl);
}

beforeAll(async () => {
  requireAlertmanager();
  push = await startPushEndpoint();
  muster = await startServer({ env: { MUSTER_PUSH_ALLOWED_HOSTS: push.host, NODE_EXTRA_CA_CERTS: push.caFile } });
  admin = await signIn(muster.url, serverAdmin.email, serverAdmin.password);

  const ada = await admin.post<{ id: string }>('/users', { email: 'ada@muster.test', name: 'Ada', password: 'responder password 1', role: 'responder' });
  const adaSession = await signIn(muster.url, 'ada@muster.test', 'responder password 1');
  await adaSession.post('/push/subscriptions', { ...push.newSubscription('ada'), label: 'ada' });
  const policy = await admin.post<{ id: string }>('/escalation-policies', {
    name: 'ops',
    repeat: 0,
    steps: [{ delaySeconds: 600, targets: [{ type: 'user', id: ada.id }] }],
  });
  for (const name of ['webhook', 'pagerduty'] as const) {
    services[name] = await admin.post('/services', { name: name === 'webhook' ? 'checkout' : 'payments', escalationPolicyId: policy.id });
  }
  alertmanager = await startAlertmanager(documentedConfig(muster.url, { webhook: services.webhook.integrationKey, pagerduty: services.pagerduty.integrationKey }));
}, 60_000);

afterAll(async () => {
  await alertmanager?.stop();
  await muster?.cleanup();
  await push?.close();
});

const incidentsOf = async (service: 'webhook' | 'pagerduty') => (await admin.get<{ items: Incident[] }>(`/incidents?serviceId=${services[service].id}`)).items;
const alertsOf = async (incidentId: string) => (await admin.get<{ alerts: Alert[] }>(`/incidents/${incidentId}`)).alerts;
const pagedIncidents = () => push.received.map((message) => (JSON.parse(message.payload ?? '{}') as PagePayload).incidentId);

async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms; last seen: ${JSON.stringify(value)}\nAlertmanager said:\n${alertmanager?.output().slice(-4000)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const alert = (alertname: string, labels: Record<string, string>, endsInSeconds: number, summary?: string) => ({
  labels: { alertname, job: 'checkout', ...labels },
  annotations: summary ? { summary } : ({} as Record<string, string>),
  endsAt: new Date(Date.now() + endsInSeconds * 1000).toISOString(),
  generatorURL: 'http://prometheus.example.com:9090/graph?g0.expr=up',
});

it('pages once per group through both receivers, shrugs off resends, and resolves when Alertmanager does', async () => {
  const firing = [
    alert('HighLatency', { instance: 'web-1', severity: 'critical' }, 300, 'p99 latency above 2 s on web-1'),
    alert('HighLatency', { instance: 'web-2', severity: 'critical' }, 300, 'p99 latency above 2 s on web-2'),
    alert('DiskFull', { instance: 'db-1', severity: 'warning' }, 300, 'Disk 95 % full on db-1'),
    // Routed by its team label to the PagerDuty receiver, and so to the payments service.
    alert('QueueBacklog', { instance: 'worker-1', team: 'payments' }, 300),
  ];
  await alertmanager!.postAlerts(firing);

  // Webhook: one incident per group (HighLatency's two alerts in one); PagerDuty: one for its group.
  const webhookIncidents = await until('two webhook incidents', () => incidentsOf('webhook'), (items) => items.length >= 2);
  const [pdIncident] = await until('one PagerDuty incident', () => incidentsOf('pagerduty'), (items) => items.length >= 1);
  const latency = webhookIncidents.find((incident) => incident.title.startsWith('p99 latency'))!;
  const disk = webhookIncidents.find((incident) => incident.title === 'Disk 95 % full on db-1')!;
  expect(latency.severity).toBe('SEV-1');
  expect(disk.severity).toBe('SEV-3');
  // Alertmanager's own PagerDuty summary; its default severity is "error".
  expect(pdIncident).toMatchObject({ title: '[FIRING:1] QueueBacklog (worker-1 checkout payments)', severity: 'SEV-2' });
  await until('both latency alerts on one incident', () => alertsOf(latency.id), (alerts) => alerts.length === 2);

  // Alertmanager resends every repeat_interval: wait until every alert was resent at least twice.
  const everyAlert = async () => [...(await alertsOf(latency.id)), ...(await alertsOf(disk.id)), ...(await alertsOf(pdIncident.id))];
  await until('every alert resent twice', everyAlert, (alerts) => alerts.every((one) => one.count >= 3), 12_000);
  expect(await incidentsOf('webhook')).toHaveLength(2);
  expect(await incidentsOf('pagerduty')).toHaveLength(1);
  expect(pagedIncidents().sort()).toEqual([latency.id, disk.id, pdIncident.id].sort());

  // One alert of the latency group ends: its incident stays open for the other.
  await alertmanager!.postAlerts([{ ...firing[0], endsAt: new Date(Date.now() - 1000).toISOString() }]);
  const partly = await until('web-1 resolved', () => alertsOf(latency.id), (alerts) => alerts.some((one) => one.status === 'resolved'));
  expect(partly.map((one) => [(one.details.labels as Record<string, string>).instance, one.status]).sort()).toEqual([
    ['web-1', 'resolved'],
    ['web-2', 'triggered'],
  ]);
  expect((await incidentsOf('webhook')).find((incident) => incident.id === latency.id)!.status).toBe('triggered');

  // The rest end: every incident resolves, through both receivers.
  const past = new Date(Date.now() - 1000).toISOString();
  await alertmanager!.postAlerts(firing.map((one) => ({ ...one, endsAt: past })));
  await until('webhook incidents resolved', () => incidentsOf('webhook'), (items) => items.every((incident) => incident.status === 'resolved'));
  await until('PagerDuty incident resolved', () => incidentsOf('pagerduty'), (items) => items.every((incident) => incident.status === 'resolved'));

  expect(await incidentsOf('webhook')).toHaveLength(2);
  expect(await incidentsOf('pagerduty')).toHaveLength(1);
  expect(pagedIncidents()).toHaveLength(3);
}, 45_000);
