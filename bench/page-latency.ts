// Page latency: HTTP trigger → encrypted push received by a local push service (in its own
// process), on each backend. Goal (issue 3): p99 < 50 ms over ≥ 1,000 incidents on a 2-core machine;
// issue 8: SQLite no slower than before (p50 12.6 ms / p99 31.4 ms), aiming for p99 < 10 ms.
import { replaceRules } from '../server/db/stores/notification-rules';
import { upsertSubscription } from '../server/db/stores/push-subscriptions';
import { benchBackends, startBenchServer, startPushServiceProcess, summarize, writeResult } from './lib';

const incidents = Number(process.env.BENCH_INCIDENTS ?? 1000);
const warmUp = 50;

const push = await startPushServiceProcess();
try {
  for (const backend of benchBackends) {
    const muster = await startBenchServer(push, backend);
    try {
      const responder = await muster.api<{ id: string }>('POST', '/users', { email: 'ada@example.com', name: 'Ada', password: 'responder pass 1', role: 'responder' });
      // The responder's phone; page at once only, so re-pages never overlap the run.
      const sub = await push.subscribe(`ada-${backend}`);
      await upsertSubscription(muster.db, { userId: responder.id, endpoint: sub.endpoint, p256dh: sub.keys.p256dh, auth: sub.keys.auth, label: 'ada' }, new Date());
      await replaceRules(muster.db, responder.id, [{ delaySeconds: 0, method: 'push' }]);
      const policy = await muster.api<{ id: string }>('POST', '/escalation-policies', {
        name: 'bench', repeat: 0, steps: [{ delaySeconds: 3600, targets: [{ type: 'user', id: responder.id }] }],
      });
      const service = await muster.api<{ id: string }>('POST', '/services', { name: 'bench', escalationPolicyId: policy.id });

      const latencies: number[] = [];
      for (let i = 0; i < incidents + warmUp; i++) {
        const started = performance.timeOrigin + performance.now();
        const incident = await muster.api<{ id: string }>('POST', '/incidents', { serviceId: service.id, title: `bench ${i}`, severity: 'SEV-1' });
        const arrived = await push.arrival((payload) => payload?.includes(incident.id) ?? false);
        // The first ones warm up the JIT, connections and database caches.
        if (i >= warmUp) latencies.push(arrived - started);
      }
      writeResult(`page-latency-${backend}`, { goal: 'p99 < 50 ms (SQLite: < 10 ms)', backend, incidents, latencyMs: summarize(latencies) });
    } finally {
      await muster.close();
    }
  }
} finally {
  push.close();
}
