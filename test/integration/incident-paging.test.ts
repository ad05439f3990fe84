import { afterEach, describe, expect, it } from 'vitest';
import { nextDue } from '../../server/db/stores/engine';
import { createMuster } from '../../server/muster';
import { usePagingSuite } from '../helpers/paging';
import { expectApiError } from '../helpers/test-app';

const suite = usePagingSuite();

afterEach(() => {
  // Runs before the suite closes the app (after-hooks run in reverse order).
  expect(suite.p.take(), 'a page nobody expected').toEqual([]);
});

/** Ada at step 1, Carol five minutes later: a page to Carol means the old escalation was not stopped. */
async function scenario() {
  const { p } = suite;
  const ada = await p.responder('ada');
  const bob = await p.responder('bob');
  const carol = await p.responder('carol');
  const policy = await p.policy([
    { delaySeconds: 300, targets: [{ type: 'user', id: ada.user.id }] },
    { delaySeconds: 300, targets: [{ type: 'user', id: carol.user.id }] },
  ]);
  const incident = await p.trigger((await p.serviceWithPolicy(policy)).id);
  expect(p.take()).toEqual([`ada-1 #${incident.number}`]);
  return { ada, bob, carol, policy, incident };
}

async function post(path: string, cookie: string, body: unknown = {}, headers: Record<string, string> = {}) {
  const res = await suite.t.request('POST', path, { cookie, body, headers });
  await suite.t.engine.runOnce();
  return res;
}

async function ok(path: string, cookie: string, body: unknown = {}) {
  const res = await post(path, cookie, body);
  expect(res.status, res.text).toBe(200);
  return res.json;
}

describe('reassign', () => {
  it('to a person: stops the policy and pages them now, once', async () => {
    const { ada, bob, incident } = await scenario();
    const detail = await ok(`/api/v1/incidents/${incident.id}/reassign`, ada.cookie, { userId: bob.user.id });
    expect(detail).toMatchObject({ status: 'triggered', phase: 'triage', escalation: { step: 1, of: 1, state: 'active', policyName: null } });
    expect(suite.p.take()).toEqual([`bob-1 #${incident.number}`]);
    // Neither Carol (the old step 2) nor Bob again: a person is paged once, without repeats.
    await suite.p.advance(3 * 3600);
    expect(suite.p.take()).toEqual([]);
    // Status update reminders (nobody holds a role here to remind) are not paging.
    const types = (await suite.p.timeline(incident.id)).map((event) => event.type).filter((type) => type !== 'update_reminder');
    expect(types.slice(types.indexOf('reassigned'))).toEqual(['reassigned', 'step_reached', 'paged', 'page_delivered', 'escalation_exhausted']);
    const reassigned = (await suite.p.timeline(incident.id)).find((event) => event.type === 'reassigned')!;
    expect(reassigned.data.to).toEqual({ type: 'user', id: bob.user.id, name: 'bob' });
  });

  it('to a policy from acknowledged: triggered again, the phase stays, its step 1 now and step 2 after its delay', async () => {
    const { ada, bob, carol, incident } = await scenario();
    await ok(`/api/v1/incidents/${incident.id}/acknowledge`, ada.cookie);
    const other = await suite.p.policy([
      { delaySeconds: 60, targets: [{ type: 'user', id: bob.user.id }] },
      { delaySeconds: 60, targets: [{ type: 'user', id: carol.user.id }] },
    ]);
    const detail = await ok(`/api/v1/incidents/${incident.id}/reassign`, ada.cookie, { policyId: other });
    expect(detail).toMatchObject({ status: 'triggered', phase: 'response', acknowledgedBy: null, escalation: { policyId: other, step: 1, of: 2 } });
    expect(suite.p.take()).toEqual([`bob-1 #${incident.number}`]);
    await suite.p.advance(59);
    expect(suite.p.take()).toEqual([]);
    await suite.p.advance(1);
    expect(suite.p.take()).toEqual([`carol-1 #${incident.number}`]);
    // The new assignee acknowledges: all paging stops.
    await ok(`/api/v1/incidents/${incident.id}/acknowledge`, carol.cookie);
    await suite.p.advance(3600);
    expect(suite.p.take()).toEqual([]);
    const reassigned = (await suite.p.timeline(incident.id)).find((event) => event.type === 'reassigned')!;
    expect(reassigned.data.to).toEqual({ type: 'policy', id: other, name: expect.stringMatching(/^policy /) });
  });

  it('refuses what it cannot do, saying why', async () => {
    const { ada, bob, incident } = await scenario();
    const path = `/api/v1/incidents/${incident.id}/reassign`;
    expect(expectApiError(await post(path, ada.cookie, {}), 400).message).toMatch(/exactly one of userId, policyId/);
    expect(expectApiError(await post(path, ada.cookie, { userId: bob.user.id, policyId: 'x' }), 400).message).toMatch(/exactly one/);
    expect(expectApiError(await post(path, ada.cookie, { userId: 'nobody' }), 404).message).toBe('user nobody not found');
    expect(expectApiError(await post(path, ada.cookie, { policyId: 'nothing' }), 404).message).toBe('escalation policy nothing not found');
    const res = await suite.t.request('PATCH', `/api/v1/users/${bob.user.id}`, { cookie: suite.p.admin.cookie, body: { active: false } });
    expect(res.status).toBe(200);
    expect(expectApiError(await post(path, ada.cookie, { userId: bob.user.id }), 400).message).toMatch(/^userId: bob .*deactivated/);
    const viewer = await suite.t.signedInUser('viewer');
    expectApiError(await post(path, viewer.cookie, { userId: ada.user.id }), 403);
    await ok(`/api/v1/incidents/${incident.id}/resolve`, ada.cookie);
    expect(expectApiError(await post(path, ada.cookie, { userId: ada.user.id }), 409).message).toMatch(/resolved; reopen it first/);
    expectApiError(await post('/api/v1/incidents/missing/reassign', ada.cookie, { userId: ada.user.id }), 404);
  });

  it('a replay with the same Idempotency-Key returns the first answer and pages once', async () => {
    const { ada, bob, incident } = await scenario();
    const headers = { 'Idempotency-Key': crypto.randomUUID() };
    const first = await post(`/api/v1/incidents/${incident.id}/reassign`, ada.cookie, { userId: bob.user.id }, headers);
    const again = await post(`/api/v1/incidents/${incident.id}/reassign`, ada.cookie, { userId: bob.user.id }, headers);
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(again.json).toEqual(first.json);
    expect(suite.p.take()).toEqual([`bob-1 #${incident.number}`]);
    expect((await suite.p.timeline(incident.id)).filter((event) => event.type === 'reassigned')).toHaveLength(1);
  });
});

describe('snooze', () => {
  it('re-triggers and pages from step 1 exactly when it runs out, not a second before', async () => {
    const { ada, incident } = await scenario();
    await ok(`/api/v1/incidents/${incident.id}/acknowledge`, ada.cookie);
    const snoozedAt = suite.t.clock.now().getTime();
    const detail = await ok(`/api/v1/incidents/${incident.id}/snooze`, ada.cookie, { minutes: 10 });
    const until = new Date(snoozedAt + 600_000);
    expect(detail).toMatchObject({ status: 'acknowledged', snoozedUntil: until.toISOString() });
    // The engine's timer is set for the snooze's end.
    expect((await nextDue(suite.t.db)).steps).toEqual(until);

    await suite.p.advance(599);
    expect(suite.p.take()).toEqual([]);
    expect((await suite.t.request('GET', `/api/v1/incidents/${incident.id}`, { cookie: ada.cookie })).json.status).toBe('acknowledged');
    await suite.p.advance(1);
    expect(suite.p.take()).toEqual([`ada-1 #${incident.number}`]);
    const after = (await suite.t.request('GET', `/api/v1/incidents/${incident.id}`, { cookie: ada.cookie })).json;
    expect(after).toMatchObject({ status: 'triggered', phase: 'triage', snoozedUntil: null, acknowledgedBy: null, escalation: { step: 1, state: 'active' } });
    const timeline = await suite.p.timeline(incident.id);
    const types = timeline.map((event) => event.type);
    expect(types.slice(types.indexOf('snoozed'))).toEqual(['snoozed', 'snooze_ended', 'step_reached', 'paged', 'page_delivered']);
    expect(timeline.find((event) => event.type === 'snoozed')!.data).toEqual({ minutes: 10, until: until.toISOString() });

    // Acknowledging again stops paging; nothing comes back.
    await ok(`/api/v1/incidents/${incident.id}/acknowledge`, ada.cookie);
    await suite.p.advance(3600);
    expect(suite.p.take()).toEqual([]);
  });

  it('snoozing again replaces the end; resolving or reassigning ends it', async () => {
    const { ada, bob, incident } = await scenario();
    await ok(`/api/v1/incidents/${incident.id}/acknowledge`, ada.cookie);
    await ok(`/api/v1/incidents/${incident.id}/snooze`, ada.cookie, { minutes: 10 });
    await suite.p.advance(300);
    await ok(`/api/v1/incidents/${incident.id}/snooze`, ada.cookie, { minutes: 30 });
    await suite.p.advance(1799);
    expect(suite.p.take()).toEqual([]);
    await suite.p.advance(1);
    expect(suite.p.take()).toEqual([`ada-1 #${incident.number}`]);

    await ok(`/api/v1/incidents/${incident.id}/acknowledge`, ada.cookie);
    await ok(`/api/v1/incidents/${incident.id}/snooze`, ada.cookie, { minutes: 10 });
    const reassigned = await ok(`/api/v1/incidents/${incident.id}/reassign`, ada.cookie, { userId: bob.user.id });
    expect(reassigned.snoozedUntil).toBeNull();
    expect(suite.p.take()).toEqual([`bob-1 #${incident.number}`]);
    await ok(`/api/v1/incidents/${incident.id}/acknowledge`, bob.cookie);
    await ok(`/api/v1/incidents/${incident.id}/snooze`, bob.cookie, { minutes: 10 });
    const resolved = await ok(`/api/v1/incidents/${incident.id}/resolve`, bob.cookie);
    expect(resolved.snoozedUntil).toBeNull();
    await suite.p.advance(3600);
    expect(suite.p.take()).toEqual([]);
    expect((await nextDue(suite.t.db)).steps).toBeNull();
  });

  it('survives a restart: a new engine on the same database re-triggers it on time', async () => {
    const { ada, incident } = await scenario();
    await ok(`/api/v1/incidents/${incident.id}/acknowledge`, ada.cookie);
    await ok(`/api/v1/incidents/${incident.id}/snooze`, ada.cookie, { minutes: 10 });
    // The process dies mid-snooze; a new one starts on the same database and the clock runs past the end.
    suite.t.clock.advance(300_000);
    const restarted = await createMuster({ db: suite.t.db, clock: suite.t.clock, dataDir: suite.t.dir, vapidSubject: 'mailto:ops@example.com', timers: false, pushAllowedHosts: [suite.push.host], pushAgent: suite.push.agent });
    await restarted.engine.start();
    await restarted.engine.runOnce();
    expect(suite.p.take()).toEqual([]);
    suite.t.clock.advance(300_000);
    await restarted.engine.runOnce();
    expect(suite.p.take()).toEqual([`ada-1 #${incident.number}`]);
    await restarted.engine.stop();
  });

  it('refuses what it cannot do, saying why', async () => {
    const { ada, incident } = await scenario();
    const path = `/api/v1/incidents/${incident.id}/snooze`;
    expect(expectApiError(await post(path, ada.cookie, { minutes: 10 }), 409).message).toMatch(/cannot snooze incident #\d+: acknowledge it first/);
    await ok(`/api/v1/incidents/${incident.id}/acknowledge`, ada.cookie);
    expect(expectApiError(await post(path, ada.cookie, { minutes: 0 }), 400).message).toMatch(/minutes: must be at least 1/);
    expect(expectApiError(await post(path, ada.cookie, { minutes: 1441 }), 400).message).toMatch(/minutes: must be at most 1440/);
    expect(expectApiError(await post(path, ada.cookie, { minutes: 2.5 }), 400).message).toMatch(/minutes: must be a whole number/);
    expectApiError(await post(path, ada.cookie, {}), 400);
    await ok(`/api/v1/incidents/${incident.id}/resolve`, ada.cookie);
    expect(expectApiError(await post(path, ada.cookie, { minutes: 10 }), 409).message).toMatch(/it is resolved/);
  });
});

describe('reopen', () => {
  it('a resolved incident is triggered again, in triage, and paged from step 1 of its service policy', async () => {
    const { ada, incident } = await scenario();
    expectApiError(await post(`/api/v1/incidents/${incident.id}/reopen`, ada.cookie), 409);
    await ok(`/api/v1/incidents/${incident.id}/resolve`, ada.cookie);
    const detail = await ok(`/api/v1/incidents/${incident.id}/reopen`, ada.cookie);
    expect(detail).toMatchObject({ status: 'triggered', phase: 'triage', resolvedAt: null, closedAt: null, escalation: { step: 1, state: 'active' } });
    expect(suite.p.take()).toEqual([`ada-1 #${incident.number}`]);
    await suite.p.advance(300);
    expect(suite.p.take()).toEqual([`carol-1 #${incident.number}`]);
    const timeline = await suite.p.timeline(incident.id);
    expect(timeline.find((event) => event.type === 'reopened')!.data).toEqual({ from: 'resolved', phase: { from: 'recovery', to: 'triage' } });
    const message = expectApiError(await post(`/api/v1/incidents/${incident.id}/reopen`, ada.cookie), 409).message;
    expect(message).toMatch(/cannot reopen incident #\d+: it is triggered, not resolved/);
  });
});
