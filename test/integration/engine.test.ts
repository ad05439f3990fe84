import { afterEach, describe, expect, it } from 'vitest';
import { usePagingSuite } from '../helpers/paging';
import { createMuster } from '../../server/muster';

const suite = usePagingSuite();

afterEach(() => {
  // Runs before the suite closes the app (after-hooks run in reverse order).
  expect(suite.p.take(), 'a page nobody expected').toEqual([]);
});

describe('escalation', () => {
  it('pages step 1 at once, step 2 when the delay runs out, then stops', async () => {
    const ada = await suite.p.responder('ada');
    const bob = await suite.p.responder('bob');
    const policy = await suite.p.policy([
      { delaySeconds: 300, targets: [{ type: 'user', id: ada.user.id }] },
      { delaySeconds: 300, targets: [{ type: 'user', id: bob.user.id }] },
    ]);
    const service = await suite.p.serviceWithPolicy(policy);
    const incident = await suite.p.trigger(service.id);
    expect(suite.p.take()).toEqual([`ada-1 #${incident.number}`]);

    await suite.p.advance(299);
    expect(suite.p.take()).toEqual([]);
    await suite.p.advance(1);
    expect(suite.p.take()).toEqual([`bob-1 #${incident.number}`]);
    await suite.p.advance(3600);
    expect(suite.p.take()).toEqual([]);

    // A SEV-1 left an hour without a status update also gets update reminders: not paging, so left out here.
    const types = (await suite.p.timeline(incident.id)).map((event) => event.type).filter((type) => type !== 'update_reminder');
    expect(types).toEqual([
      'triggered', 'step_reached', 'paged', 'page_delivered',
      'step_reached', 'paged', 'page_delivered', 'escalation_exhausted',
    ]);
  });

  it('runs the policy repeat + 1 times', async () => {
    const ada = await suite.p.responder('ada');
    const policy = await suite.p.policy([{ delaySeconds: 60, targets: [{ type: 'user', id: ada.user.id }] }], 2);
    const incident = await suite.p.trigger((await suite.p.serviceWithPolicy(policy)).id);
    const page = `ada-1 #${incident.number}`;
    expect(suite.p.take()).toEqual([page]);
    await suite.p.advance(60);
    expect(suite.p.take()).toEqual([page]);
    await suite.p.advance(60);
    expect(suite.p.take()).toEqual([page]);
    await suite.p.advance(60);
    await suite.p.advance(6000);
    expect(suite.p.take()).toEqual([]);
    expect((await suite.p.timeline(incident.id)).filter((event) => event.type !== 'update_reminder').at(-1)?.type).toBe('escalation_exhausted');
  });

  it('re-pages by the notification rules, to every device of the user', async () => {
    const ada = await suite.p.responder('ada', { devices: 2, repageDelays: [0, 60, 180] });
    const policy = await suite.p.policy([{ delaySeconds: 900, targets: [{ type: 'user', id: ada.user.id }] }]);
    const incident = await suite.p.trigger((await suite.p.serviceWithPolicy(policy)).id);
    const both = [`ada-1 #${incident.number}`, `ada-2 #${incident.number}`];
    expect(suite.p.take().sort()).toEqual(both);
    await suite.p.advance(59);
    expect(suite.p.take()).toEqual([]);
    await suite.p.advance(1);
    expect(suite.p.take().sort()).toEqual(both);
    await suite.p.advance(120);
    expect(suite.p.take().sort()).toEqual(both);
    await suite.p.advance(600);
    expect(suite.p.take()).toEqual([]);
  });

  it('a manual escalate pages the next step now', async () => {
    const ada = await suite.p.responder('ada');
    const bob = await suite.p.responder('bob');
    const policy = await suite.p.policy([
      { delaySeconds: 600, targets: [{ type: 'user', id: ada.user.id }] },
      { delaySeconds: 600, targets: [{ type: 'user', id: bob.user.id }] },
    ]);
    const incident = await suite.p.trigger((await suite.p.serviceWithPolicy(policy)).id);
    suite.p.take();
    const res = await suite.t.request('POST', `/api/v1/incidents/${incident.id}/escalate`, { cookie: ada.cookie });
    expect(res.status).toBe(200);
    await suite.t.engine.runOnce();
    expect(suite.p.take()).toEqual([`bob-1 #${incident.number}`]);
    // The next step is due a full step delay after the manual escalation, not earlier.
    await suite.p.advance(599);
    expect(suite.p.take()).toEqual([]);
  });
});

describe('paging status', () => {
  it('shows the step reached, whom it paged and when the next step is due; ?pagedUser=me lists what paged me', async () => {
    const ada = await suite.p.responder('ada');
    const bob = await suite.p.responder('bob');
    const policy = await suite.p.policy([
      { delaySeconds: 300, targets: [{ type: 'user', id: ada.user.id }] },
      { delaySeconds: 300, targets: [{ type: 'user', id: bob.user.id }] },
    ]);
    const incident = await suite.p.trigger((await suite.p.serviceWithPolicy(policy)).id);
    const detail = async () => (await suite.t.request('GET', `/api/v1/incidents/${incident.id}`, { cookie: ada.cookie })).json;
    const pagedFor = async (cookie: string) =>
      (await suite.t.request('GET', '/api/v1/incidents?pagedUser=me', { cookie })).json.items.map((i: { id: string }) => i.id);

    expect((await detail()).escalation).toEqual({
      policyId: policy,
      policyName: expect.stringMatching(/^policy /),
      step: 1,
      of: 2,
      loop: 0,
      state: 'active',
      nextStepAt: new Date(suite.t.clock.now().getTime() + 300_000).toISOString(),
      paged: [
        {
          id: ada.user.id,
          name: 'ada',
          reachable: true,
          why: null,
          channels: [{ channel: 'push', state: 'delivered', at: suite.t.clock.now().toISOString(), error: null }],
        },
      ],
    });
    expect(await pagedFor(ada.cookie)).toEqual([incident.id]);
    expect(await pagedFor(bob.cookie)).toEqual([]);

    await suite.p.advance(300);
    expect((await detail()).escalation).toMatchObject({ step: 2, state: 'active', paged: [{ id: bob.user.id, name: 'bob' }] });
    expect(await pagedFor(bob.cookie)).toEqual([incident.id]);
    await suite.p.advance(300);
    expect((await detail()).escalation).toMatchObject({ step: 2, state: 'exhausted', nextStepAt: null });
    suite.p.take();
  });

  it('is null for an incident whose service has no policy', async () => {
    const service = await suite.t.createService(suite.p.admin.cookie);
    const incident = await suite.t.createIncident(suite.p.admin.cookie, { serviceId: service.id });
    expect(incident.escalation).toBeNull();
  });
});

describe('acknowledge and resolve stop paging', () => {
  async function twoStepIncident() {
    const ada = await suite.p.responder('ada', { repageDelays: [0, 60] });
    const bob = await suite.p.responder('bob');
    const policy = await suite.p.policy([
      { delaySeconds: 120, targets: [{ type: 'user', id: ada.user.id }] },
      { delaySeconds: 120, targets: [{ type: 'user', id: bob.user.id }] },
    ]);
    const incident = await suite.p.trigger((await suite.p.serviceWithPolicy(policy)).id);
    expect(suite.p.take()).toEqual([`ada-1 #${incident.number}`]);
    return { ada, bob, incident };
  }

  it('acknowledge stops re-pages and later steps', async () => {
    const { ada, incident } = await twoStepIncident();
    await suite.p.advance(30);
    expect((await suite.t.request('POST', `/api/v1/incidents/${incident.id}/acknowledge`, { cookie: ada.cookie })).status).toBe(200);
    await suite.p.advance(3600);
    expect(suite.p.take()).toEqual([]);
  });

  it('acknowledge also stops a re-page that is already due in the same tick', async () => {
    const { ada, incident } = await twoStepIncident();
    suite.t.clock.advance(60_000); // the re-page is due now, but the engine has not run yet
    expect((await suite.t.request('POST', `/api/v1/incidents/${incident.id}/acknowledge`, { cookie: ada.cookie })).status).toBe(200);
    await suite.t.engine.runOnce();
    await suite.p.advance(3600);
    expect(suite.p.take()).toEqual([]);
  });

  it('resolve stops everything', async () => {
    const { bob, incident } = await twoStepIncident();
    await suite.p.advance(10);
    expect((await suite.t.request('POST', `/api/v1/incidents/${incident.id}/resolve`, { cookie: bob.cookie })).status).toBe(200);
    await suite.p.advance(3600);
    expect(suite.p.take()).toEqual([]);
  });
});

describe('schedules as targets', () => {
  async function dailyRotation(users: string[]) {
    const res = await suite.t.request('POST', '/api/v1/schedules', {
      cookie: suite.p.admin.cookie,
      body: {
        name: 'primary',
        timeZone: 'Europe/Berlin',
        layers: [{ users, startDate: '2026-03-01', handoffTime: '09:00', shift: { length: 1, unit: 'days' } }],
      },
    });
    expect(res.status).toBe(201);
    return res.json.id as string;
  }

  it('pages whoever is on call at each step, across a handoff mid-incident', async () => {
    const ada = await suite.p.responder('ada');
    const bob = await suite.p.responder('bob');
    const schedule = await dailyRotation([ada.user.id, bob.user.id]);
    const policy = await suite.p.policy([{ delaySeconds: 300, targets: [{ type: 'schedule', id: schedule }] }], 1);
    // 07:58 UTC = 08:58 in Berlin on 2026-03-02: ada's shift (day 2 of the rotation is bob's from 09:00).
    suite.t.clock.set('2026-03-02T07:58:00Z');
    const onCall = await suite.t.request('GET', `/api/v1/schedules/${schedule}/on-call`, { cookie: ada.cookie });
    expect(onCall.json).toEqual({ at: '2026-03-02T07:58:00.000Z', users: [{ id: ada.user.id, name: 'ada' }], shiftEndsAt: '2026-03-02T08:00:00.000Z' });

    const incident = await suite.p.trigger((await suite.p.serviceWithPolicy(policy)).id);
    expect(suite.p.take()).toEqual([`ada-1 #${incident.number}`]);
    await suite.p.advance(300); // 09:03 Berlin: the repeat pages the schedule again, now bob
    expect(suite.p.take()).toEqual([`bob-1 #${incident.number}`]);
  });

  it('an override replaces whoever the rotation puts on call', async () => {
    const ada = await suite.p.responder('ada');
    const cy = await suite.p.responder('cy');
    const schedule = await dailyRotation([ada.user.id]);
    const policy = await suite.p.policy([{ delaySeconds: 300, targets: [{ type: 'schedule', id: schedule }] }]);
    const override = await suite.t.request('POST', `/api/v1/schedules/${schedule}/overrides`, {
      cookie: cy.cookie,
      body: { userId: cy.user.id, start: suite.t.clock.now().toISOString(), end: new Date(suite.t.clock.now().getTime() + 3600_000).toISOString() },
    });
    expect(override.status).toBe(201);
    const incident = await suite.p.trigger((await suite.p.serviceWithPolicy(policy)).id);
    expect(suite.p.take()).toEqual([`cy-1 #${incident.number}`]);
  });
});

describe('reaching people', () => {
  it('records a user with no devices in the timeline and sends nothing', async () => {
    const { user } = await suite.t.signedInUser('responder', 'nodevice');
    const policy = await suite.p.policy([{ delaySeconds: 300, targets: [{ type: 'user', id: user.id }] }]);
    const incident = await suite.p.trigger((await suite.p.serviceWithPolicy(policy)).id);
    const unreachable = (await suite.p.timeline(incident.id)).filter((event) => event.type === 'user_unreachable');
    expect(unreachable).toHaveLength(1);
    expect(unreachable[0].data).toMatchObject({ user: 'nodevice', reason: 'no registered devices' });
  });

  it('deletes a device the push service says is gone (410) and notes it', async () => {
    const ada = await suite.p.responder('ada', { devices: 2 });
    suite.push.respondWith(ada.subscriptions[0], { status: 410 });
    const policy = await suite.p.policy([{ delaySeconds: 300, targets: [{ type: 'user', id: ada.user.id }] }]);
    const incident = await suite.p.trigger((await suite.p.serviceWithPolicy(policy)).id);
    expect(suite.p.take().sort()).toEqual([`ada-1 #${incident.number}`, `ada-2 #${incident.number}`]);
    const devices = await suite.t.request('GET', '/api/v1/push/subscriptions', { cookie: ada.cookie });
    expect(devices.json.items.map((d: { label: string }) => d.label)).toEqual(['ada-2']);
    const types = (await suite.p.timeline(incident.id)).map((event) => event.type);
    expect(types).toContain('device_removed');
    expect(types).toContain('page_delivered');
    expect(types).not.toContain('user_unreachable');
  });

  it('retries after the Retry-After of a 429', async () => {
    const ada = await suite.p.responder('ada');
    suite.push.respondWith(ada.subscriptions[0], { status: 429, retryAfter: '30' });
    const policy = await suite.p.policy([{ delaySeconds: 3600, targets: [{ type: 'user', id: ada.user.id }] }]);
    const incident = await suite.p.trigger((await suite.p.serviceWithPolicy(policy)).id);
    const page = `ada-1 #${incident.number}`;
    expect(suite.p.take()).toEqual([page]); // answered 429
    await suite.p.advance(29);
    expect(suite.p.take()).toEqual([]);
    await suite.p.advance(1);
    expect(suite.p.take()).toEqual([page]); // delivered
    expect((await suite.p.timeline(incident.id)).filter((e) => e.type === 'page_delivered')).toHaveLength(1);
  });

  it('gives up after repeated 5xx and records that the user could not be reached', async () => {
    const ada = await suite.p.responder('ada');
    suite.push.respondWith(ada.subscriptions[0], ...Array.from({ length: 10 }, () => ({ status: 500 })));
    const policy = await suite.p.policy([{ delaySeconds: 3600, targets: [{ type: 'user', id: ada.user.id }] }]);
    const incident = await suite.p.trigger((await suite.p.serviceWithPolicy(policy)).id);
    let attempts = suite.p.take().length;
    for (let i = 0; i < 20; i++) {
      await suite.p.advance(60);
      attempts += suite.p.take().length;
    }
    expect(attempts).toBeGreaterThan(1);
    const timeline = await suite.p.timeline(incident.id);
    expect(timeline.filter((e) => e.type === 'page_failed')).toHaveLength(1);
    expect(timeline.filter((e) => e.type === 'user_unreachable')).toHaveLength(1);
    await suite.p.advance(3000);
    expect(suite.p.take()).toEqual([]);
  });

  it('sends SEV-1/2 with Urgency high and SEV-3/4 normal, TTL until the next step, and a decryptable payload', async () => {
    const ada = await suite.p.responder('ada');
    const policy = await suite.p.policy([{ delaySeconds: 300, targets: [{ type: 'user', id: ada.user.id }] }]);
    const service = await suite.p.serviceWithPolicy(policy);
    const critical = await suite.p.trigger(service.id, { severity: 'SEV-2' });
    const minor = await suite.p.trigger(service.id, { severity: 'SEV-4' });
    expect(suite.p.take()).toEqual([`ada-1 #${critical.number}`, `ada-1 #${minor.number}`]);
    const [first, second] = suite.push.received.slice(-2);
    expect(first.headers).toMatchObject({ urgency: 'high', ttl: 300, contentEncoding: 'aes128gcm' });
    expect(second.headers.urgency).toBe('normal');
    expect(first.vapid.valid).toBe(true);
    expect(first.bodyBytes).toBeLessThanOrEqual(4096);
    expect(JSON.parse(first.payload!)).toMatchObject({
      type: 'page', incidentId: critical.id, number: critical.number, severity: 'SEV-2', service: service.name, drill: false,
      url: `/incidents/${critical.id}`, ackToken: expect.any(String),
    });
  });
});

describe('durability', () => {
  it('a replayed trigger (same Idempotency-Key) does not page twice', async () => {
    const ada = await suite.p.responder('ada');
    const policy = await suite.p.policy([{ delaySeconds: 300, targets: [{ type: 'user', id: ada.user.id }] }]);
    const service = await suite.p.serviceWithPolicy(policy);
    const first = await suite.p.trigger(service.id, { idempotencyKey: 'alert-42', title: 'disk full' });
    const replay = await suite.p.trigger(service.id, { idempotencyKey: 'alert-42', title: 'disk full' });
    expect(replay.id).toBe(first.id);
    expect(suite.p.take()).toEqual([`ada-1 #${first.number}`]);
  });

  it('after a restart, overdue steps run at once and nothing already sent is paged again', async () => {
    const ada = await suite.p.responder('ada');
    const bob = await suite.p.responder('bob');
    const policy = await suite.p.policy([
      { delaySeconds: 300, targets: [{ type: 'user', id: ada.user.id }] },
      { delaySeconds: 300, targets: [{ type: 'user', id: bob.user.id }] },
    ]);
    const incident = await suite.p.trigger((await suite.p.serviceWithPolicy(policy)).id);
    expect(suite.p.take()).toEqual([`ada-1 #${incident.number}`]);

    // The process dies; ten minutes later a new one starts on the same database.
    suite.t.clock.advance(600_000);
    const restarted = await createMuster({ db: suite.t.db, clock: suite.t.clock, dataDir: suite.t.dir, vapidSubject: 'mailto:ops@example.com', timers: false, pushAllowedHosts: [suite.push.host], pushAgent: suite.push.agent });
    await restarted.engine.start();
    await restarted.engine.runOnce();
    expect(suite.p.take()).toEqual([`bob-1 #${incident.number}`]);
    await restarted.engine.runOnce();
    expect(suite.p.take()).toEqual([]);
  });
});
