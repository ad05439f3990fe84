import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PagePayload } from '../../shared/api/push';
import { signIn } from '../helpers/api-session';
import { startPostgresCluster, type PostgresCluster } from '../helpers/postgres-cluster';
import { startPushEndpoint, type PushEndpoint } from '../helpers/push-endpoint';
import { serverAdmin, startServer, type ServerProcess } from '../helpers/server-process';

// Two Muster processes, each with its own DATA_DIR, on one PostgreSQL database: what high availability means.
let push: PushEndpoint;
let cluster: PostgresCluster;
const servers: ServerProcess[] = [];

beforeAll(async () => {
  [push, cluster] = await Promise.all([startPushEndpoint(), startPostgresCluster()]);
});
afterAll(async () => {
  for (const server of servers) await server.cleanup();
  await push.close();
  await cluster.stop();
});

const stepSeconds = 10;

async function until(condition: () => Promise<boolean>, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Reads an instance's live stream until an event names `incidentId`. */
async function streamEvent(url: string, cookie: string) {
  const controller = new AbortController();
  const res = await fetch(`${url}/api/v1/stream`, { headers: { Cookie: cookie }, signal: controller.signal });
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  return {
    async waitFor(incidentId: string, timeoutMs = 5000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (!text.includes(incidentId)) {
        if (Date.now() > deadline) throw new Error(`no stream event for ${incidentId}`);
        const chunk = await Promise.race([reader.read(), new Promise<{ done: true }>((resolve) => setTimeout(() => resolve({ done: true }), deadline - Date.now()))]);
        if (!chunk.done) text += chunk.value;
      }
    },
    close: () => controller.abort(),
  };
}

it('an instance killed mid-escalation is taken over by the other: step 2 on time, one push per page, live updates across', async () => {
  const env = { DATABASE_URL: cluster.url, MUSTER_PUSH_ALLOWED_HOSTS: push.host, NODE_EXTRA_CA_CERTS: push.caFile };
  const a = await startServer({ env });
  servers.push(a);
  const b = await startServer({ env });
  servers.push(b);
  const adminA = await signIn(a.url, serverAdmin.email, serverAdmin.password);

  const responders: Record<string, { id: string }> = {};
  for (const name of ['ada', 'bob']) {
    const email = `${name}@muster.test`;
    responders[name] = await adminA.post('/users', { email, name, password: 'responder password 1', role: 'responder' });
    // Each phone subscribes through A: the VAPID keys are shared, so B's pushes reach it too.
    const session = await signIn(a.url, email, 'responder password 1');
    await session.post('/push/subscriptions', { ...push.newSubscription(name), label: name });
  }
  const policy = await adminA.post<{ id: string }>('/escalation-policies', {
    name: 'failover',
    repeat: 0,
    steps: [
      { delaySeconds: stepSeconds, targets: [{ type: 'user', id: responders.ada.id }] },
      { delaySeconds: stepSeconds, targets: [{ type: 'user', id: responders.bob.id }] },
    ],
  });
  const service = await adminA.post<{ id: string }>('/services', { name: 'checkout' });
  await adminA.patch(`/services/${service.id}`, { escalationPolicyId: policy.id });

  // An app connected to B sees what is done through A.
  const viewerB = await fetch(`${b.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: b.url },
    body: JSON.stringify({ email: serverAdmin.email, password: serverAdmin.password }),
  });
  const streamB = await streamEvent(b.url, viewerB.headers.get('Set-Cookie')!.split(';')[0]);

  const triggeredAt = Date.now();
  const incident = await adminA.post<{ id: string }>('/incidents', { serviceId: service.id, title: 'checkout down', severity: 'SEV-1' });
  const pageFor = (label: string) => (m: { label: string | null; payload: string | null }) =>
    m.label === label && (JSON.parse(m.payload ?? '{}') as PagePayload).incidentId === incident.id;
  await push.waitFor(pageFor('ada'), 5000);
  await streamB.waitFor(incident.id);
  await until(async () => (await adminA.get<{ timeline: Array<{ type: string }> }>(`/incidents/${incident.id}`)).timeline.some((e) => e.type === 'page_delivered'));

  expect(await a.kill9()).toBe(null);

  const bobPage = await push.waitFor(pageFor('bob'), stepSeconds * 1000 + 10_000);
  const takeoverLateMs = bobPage.receivedAt.date.getTime() - (triggeredAt + stepSeconds * 1000);
  console.log(`step 2 paged by the surviving instance ${takeoverLateMs} ms after it was due`);
  expect(takeoverLateMs).toBeGreaterThanOrEqual(-50);
  expect(takeoverLateMs).toBeLessThan(3000);

  // Bob acknowledges through B (A, which started the paging, is gone): paging stops there.
  const bobB = await signIn(b.url, 'bob@muster.test', 'responder password 1');
  await bobB.post(`/incidents/${incident.id}/acknowledge`);
  const detail = await bobB.get<{ status: string; escalation: { state: string } | null }>(`/incidents/${incident.id}`);
  expect(detail.status).toBe('acknowledged');

  await new Promise((resolve) => setTimeout(resolve, 1000));
  expect(push.received.filter(pageFor('ada'))).toHaveLength(1);
  expect(push.received.filter(pageFor('bob'))).toHaveLength(1);
  streamB.close();
}, 90_000);
