// Escalation accuracy at scale: 10,000 open incidents whose step 1 runs out within one
// second of each other (an alert storm's worth of escalations due at once); how late is each
// step 2 against its due time, and is any missed? Goal (issue 3): p99 < 1 s, no step missed.
import { eq } from 'drizzle-orm';
import { replaceRules } from '../server/db/stores/notification-rules';
import { upsertSubscription } from '../server/db/stores/push-subscriptions';
import { userActor } from '../server/services/incidents/actor';
import { createIncident } from '../server/services/incidents/create-incident';
import { benchBackends, startBenchServer, startPushServiceProcess, summarize, writeResult } from './lib';

const incidents = Number(process.env.BENCH_INCIDENTS ?? 10_000);
const dueWindowMs = 1000;
const leadMs = 3000;

const push = await startPushServiceProcess();
try {
  for (const backend of benchBackends) {
    const received = push.received.length;
    const bench = await startBenchServer(push, backend);
    const { db, muster } = bench;
    const { incidentEscalations, incidentEvents } = db.t;
    try {
      // Step 1 pages someone with no phone (nothing to send); step 2 pages a responder with one.
      const first = await bench.api<{ id: string }>('POST', '/users', { email: 'first@example.com', name: 'First', password: 'responder pass 1', role: 'responder' });
      const second = await bench.api<{ id: string }>('POST', '/users', { email: 'second@example.com', name: 'Second', password: 'responder pass 1', role: 'responder' });
      const sub = await push.subscribe(`second-${backend}`);
      await upsertSubscription(db, { userId: second.id, endpoint: sub.endpoint, p256dh: sub.keys.p256dh, auth: sub.keys.auth, label: 'second' }, new Date());
      for (const user of [first, second]) await replaceRules(db, user.id, [{ delaySeconds: 0, method: 'push' }]);
      const policy = await bench.api<{ id: string }>('POST', '/escalation-policies', {
        name: 'accuracy',
        repeat: 0,
        steps: [
          { delaySeconds: 3600, targets: [{ type: 'user', id: first.id }] },
          { delaySeconds: 3600, targets: [{ type: 'user', id: second.id }] },
        ],
      });
      const service = await bench.api<{ id: string }>('POST', '/services', { name: 'accuracy', escalationPolicyId: policy.id });

      const actor = userActor(bench.admin);
      const createStarted = performance.now();
      const ids: string[] = [];
      for (let i = 0; i < incidents; i++) {
        ids.push((await createIncident(muster.runtime, { serviceId: service.id, title: `accuracy ${i}`, severity: 'SEV-2' }, actor)).id);
        if (i % 100 === 99) await new Promise((resolve) => setImmediate(resolve));
      }
      const createSeconds = (performance.now() - createStarted) / 1000;

      // Bring every step 1 to an end within one second, a few seconds from now.
      const start = Date.now() + leadMs;
      const dueAt = new Map(ids.map((id, i) => [id, start + Math.floor((i / ids.length) * dueWindowMs)]));
      await db.transaction(async (tx) => {
        for (const [id, due] of dueAt) await tx.update(incidentEscalations).set({ nextStepDueAt: new Date(due) }).where(eq(incidentEscalations.incidentId, id));
      });
      muster.runtime.wakeEngine();
      console.log(`created ${incidents} incidents in ${createSeconds.toFixed(1)} s; their step 2 falls due within ${dueWindowMs} ms…`);

      const stepTwoEvents = async () =>
        (await db.select({ incidentId: incidentEvents.incidentId, at: incidentEvents.at, data: incidentEvents.data })
          .from(incidentEvents).where(eq(incidentEvents.type, 'step_reached')))
          .filter((event) => event.data.step === 2);
      const deadline = Date.now() + leadMs + 120_000;
      let reached = await stepTwoEvents();
      while (reached.length < incidents && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        reached = await stepTwoEvents();
      }
      const lateness = reached.map((event) => event.at.getTime() - dueAt.get(event.incidentId)!);
      const arrivals = () => push.received.slice(received);
      while (arrivals().length < reached.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
      const lastPush = Math.max(...arrivals().map((m) => m.at));
      writeResult(`escalation-accuracy-${backend}`, {
        goal: 'p99 < 1000 ms, no step missed',
        backend,
        incidents,
        dueWithinMs: dueWindowMs,
        stepsReached: reached.length,
        stepsMissed: incidents - reached.length,
        latenessMs: summarize(lateness),
        pushesDelivered: arrivals().filter((m) => m.status === 201).length,
        allPushesDeliveredSecondsAfterFirstDue: Math.round((lastPush - start) / 100) / 10,
      });
    } finally {
      await bench.close();
    }
  }
} finally {
  push.close();
}
