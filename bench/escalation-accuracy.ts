// Escalation accuracy at scale: 10,000 open incidents whose step 1 runs out within a few
// seconds of each other; how late is each step 2 against its due time, and is any missed?
// Goal (issue 3): p99 < 1 s, no step missed.
import { eq } from 'drizzle-orm';
import { incidentEvents } from '../server/db/schema/index';
import { replaceRules } from '../server/db/stores/notification-rules';
import { upsertSubscription } from '../server/db/stores/push-subscriptions';
import { userActor } from '../server/services/incidents/actor';
import { createIncident } from '../server/services/incidents/create-incident';
import { startBenchServer, startPushServiceProcess, summarize, writeResult } from './lib';

const incidents = Number(process.env.BENCH_INCIDENTS ?? 10_000);
const stepDelaySeconds = 20;

const push = await startPushServiceProcess();
const bench = await startBenchServer(push.agent);
const { db, muster } = bench;
try {
  // Step 1 pages someone with no phone (nothing to send); step 2 pages a responder with one.
  const first = await bench.api<{ id: string }>('POST', '/users', { email: 'first@example.com', name: 'First', password: 'responder pass 1', role: 'responder' });
  const second = await bench.api<{ id: string }>('POST', '/users', { email: 'second@example.com', name: 'Second', password: 'responder pass 1', role: 'responder' });
  const sub = await push.subscribe('second');
  upsertSubscription(db, { userId: second.id, endpoint: sub.endpoint, p256dh: sub.keys.p256dh, auth: sub.keys.auth, label: 'second' }, new Date());
  for (const user of [first, second]) replaceRules(db, user.id, [{ delaySeconds: 0, method: 'push' }]);
  const policy = await bench.api<{ id: string }>('POST', '/escalation-policies', {
    name: 'accuracy',
    repeat: 0,
    steps: [
      { delaySeconds: stepDelaySeconds, targets: [{ type: 'user', id: first.id }] },
      { delaySeconds: 3600, targets: [{ type: 'user', id: second.id }] },
    ],
  });
  const service = await bench.api<{ id: string }>('POST', '/services', { name: 'accuracy', escalationPolicyId: policy.id });

  const actor = userActor(bench.admin);
  const createStarted = performance.now();
  for (let i = 0; i < incidents; i++) {
    createIncident(muster.runtime, { serviceId: service.id, title: `accuracy ${i}`, severity: 'SEV-2' }, actor);
    // Yield now and then so the engine keeps up with step 1 as it would in production.
    if (i % 500 === 499) await new Promise((resolve) => setImmediate(resolve));
  }
  const createSeconds = (performance.now() - createStarted) / 1000;
  console.log(`created ${incidents} incidents in ${createSeconds.toFixed(1)} s; waiting for step 2…`);

  const deadline = Date.now() + (stepDelaySeconds + 120) * 1000;
  const stepTwoEvents = () =>
    db.select({ incidentId: incidentEvents.incidentId, at: incidentEvents.at, data: incidentEvents.data })
      .from(incidentEvents).where(eq(incidentEvents.type, 'step_reached')).all()
      .filter((event) => event.data.step === 2);
  let reached = stepTwoEvents();
  while (reached.length < incidents && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    reached = stepTwoEvents();
  }
  const created = new Map(
    db.select({ incidentId: incidentEvents.incidentId, at: incidentEvents.at }).from(incidentEvents).where(eq(incidentEvents.type, 'triggered')).all()
      .map((event) => [event.incidentId, event.at.getTime()]),
  );
  const lateness = reached.map((event) => event.at.getTime() - (created.get(event.incidentId)! + stepDelaySeconds * 1000));
  while (push.received.length < reached.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
  writeResult('escalation-accuracy', {
    goal: 'p99 < 1000 ms, no step missed',
    incidents,
    createSeconds: Math.round(createSeconds * 10) / 10,
    stepsReached: reached.length,
    stepsMissed: incidents - reached.length,
    latenessMs: summarize(lateness),
    pushesDelivered: push.received.filter((m) => m.status === 201).length,
  });
} finally {
  await bench.close();
  push.close();
}
