import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PagePayload } from '../../shared/api/push';
import { signIn } from '../helpers/api-session';
import { startPushEndpoint, type PushEndpoint } from '../helpers/push-endpoint';
import { serverAdmin, startServer, type ServerProcess } from '../helpers/server-process';

let push: PushEndpoint;
let server: ServerProcess | undefined;

beforeAll(async () => {
  push = await startPushEndpoint();
});
afterAll(async () => {
  await server?.cleanup();
  await push.close();
});

// Long enough for the restart (tsx start-up) to finish before step 2 is due, on a busy 2-core CI machine.
const stepSeconds = 12;

async function until(condition: () => Promise<boolean>, timeoutMs = 3000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

it('a server killed with SIGKILL before step 2 is due pages step 2 on time after restart, and step 1 only once', async () => {
  const env = { MUSTER_PUSH_ALLOWED_HOSTS: push.host, NODE_EXTRA_CA_CERTS: push.caFile };
  server = await startServer({ env });
  const admin = await signIn(server.url, serverAdmin.email, serverAdmin.password);

  const responders: Record<string, { id: string }> = {};
  for (const name of ['ada', 'bob']) {
    const email = `${name}@muster.test`;
    responders[name] = await admin.post('/users', { email, name, password: 'responder password 1', role: 'responder' });
    const session = await signIn(server.url, email, 'responder password 1');
    await session.post('/push/subscriptions', { ...push.newSubscription(name), label: name });
  }
  const policy = await admin.post<{ id: string }>('/escalation-policies', {
    name: 'restart test',
    repeat: 0,
    steps: [
      { delaySeconds: stepSeconds, targets: [{ type: 'user', id: responders.ada.id }] },
      { delaySeconds: stepSeconds, targets: [{ type: 'user', id: responders.bob.id }] },
    ],
  });
  const service = await admin.post<{ id: string }>('/services', { name: 'checkout' });
  await admin.patch(`/services/${service.id}`, { escalationPolicyId: policy.id });

  const triggeredAt = Date.now();
  const incident = await admin.post<{ id: string }>('/incidents', { serviceId: service.id, title: 'checkout down', severity: 'SEV-1' });
  const pageFor = (label: string) => (m: { label: string | null; payload: string | null }) =>
    m.label === label && (JSON.parse(m.payload ?? '{}') as PagePayload).incidentId === incident.id;
  await push.waitFor(pageFor('ada'), 5000);
  // Let the server record the delivery first: a crash between send and record may resend
  // (at-least-once; the phone folds that by notification tag), which is not this test's case.
  await until(async () => {
    const detail = await admin.get<{ timeline: Array<{ type: string }> }>(`/incidents/${incident.id}`);
    return detail.timeline.some((event) => event.type === 'page_delivered');
  });

  expect(await server.kill9()).toBe(null);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  server = await startServer({ env, dataDir: server.dataDir, port: server.port });

  const bobPage = await push.waitFor(pageFor('bob'), stepSeconds * 1000 + 5000);
  const lateness = bobPage.receivedAt.date.getTime() - (triggeredAt + stepSeconds * 1000);
  expect(lateness).toBeGreaterThanOrEqual(-50);
  expect(lateness).toBeLessThan(1000);
  // The first default rule re-pages ada after 60 s, beyond this test; nothing else may arrive.
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(push.received.filter(pageFor('ada'))).toHaveLength(1);
  expect(push.received.filter(pageFor('bob'))).toHaveLength(1);
});
