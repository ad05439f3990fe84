// Page latency: HTTP trigger → encrypted push received by a local push service.
// Goal (issue 3): p99 < 50 ms over ≥ 1,000 incidents on a 2-core machine.
import { replaceRules } from '../server/db/stores/notification-rules';
import { upsertSubscription } from '../server/db/stores/push-subscriptions';
import type { PagePayload } from '../shared/api/push';
import { startPushEndpoint } from '../test/helpers/push-endpoint';
import { startBenchServer, summarize, writeResult } from './lib';

const incidents = Number(process.env.BENCH_INCIDENTS ?? 1000);

const push = await startPushEndpoint();
const muster = await startBenchServer(push);
try {
  const responder = await muster.api<{ id: string }>('POST', '/users', { email: 'ada@example.com', name: 'Ada', password: 'responder pass 1', role: 'responder' });
  const { db } = muster;
  // Register the responder's phone and page at once only (no re-pages during the run).
  const sub = push.newSubscription('ada');
  upsertSubscription(db, { userId: responder.id, endpoint: sub.endpoint, p256dh: sub.keys.p256dh, auth: sub.keys.auth, label: 'ada' }, new Date());
  replaceRules(db, responder.id, [{ delaySeconds: 0, method: 'push' }]);
  const policy = await muster.api<{ id: string }>('POST', '/escalation-policies', {
    name: 'bench', repeat: 0, steps: [{ delaySeconds: 3600, targets: [{ type: 'user', id: responder.id }] }],
  });
  const service = await muster.api<{ id: string }>('POST', '/services', { name: 'bench', escalationPolicyId: policy.id });

  const latencies: number[] = [];
  for (let i = 0; i < incidents + 50; i++) {
    const started = performance.now();
    const incident = await muster.api<{ id: string }>('POST', '/incidents', { serviceId: service.id, title: `bench ${i}`, severity: 'SEV-1' });
    const received = await push.waitFor((m) => (JSON.parse(m.payload ?? '{}') as PagePayload).incidentId === incident.id, 5000);
    // The first 50 warm up the JIT, connections and SQLite caches.
    if (i >= 50) latencies.push(received.receivedAt.monotonicMs - started);
  }
  writeResult('page-latency', { goal: 'p99 < 50 ms', incidents, latencyMs: summarize(latencies) });
} finally {
  await muster.close();
  await push.close();
}
