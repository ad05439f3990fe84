import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { NotificationRule } from '../../shared/api/paging';
import type { PagePayload } from '../../shared/api/push';
import { createMailer, type Mailer } from '../../server/channels/mailer';
import { nextDrillDue } from '../../server/db/stores/drills';
import { nextDue } from '../../server/db/stores/engine';
import { createMuster } from '../../server/muster';
import { pagingFixture, type PagingFixture } from '../helpers/paging';
import { startPushEndpoint, type PushEndpoint } from '../helpers/push-endpoint';
import { startSmtpReceiver, type SmtpReceiver } from '../helpers/smtp-receiver';
import { createTestApp, expectApiError, type TestApp } from '../helpers/test-app';

// Drills run on the fake clock through the real pipeline: the engine, the local push service and a real SMTP
// server. `p.take()` returns exactly the pushes since the last call, so any unexpected page fails a test.

let push: PushEndpoint;
let smtp: SmtpReceiver;
let mailer: Mailer;
let t: TestApp;
let p: PagingFixture;

beforeAll(async () => {
  [push, smtp] = await Promise.all([startPushEndpoint(), startSmtpReceiver()]);
  mailer = createMailer({ smtpUrl: smtp.smtpUrl, from: 'Muster <muster@example.com>' });
});
afterAll(async () => {
  mailer.close();
  await Promise.all([push.close(), smtp.close()]);
});
beforeEach(async () => {
  t = await createTestApp({ pushAllowedHosts: [push.host], pushAgent: push.agent, mailer, publicUrl: 'http://localhost' });
  p = await pagingFixture(t, push);
});
afterEach(() => t.close());

const call = (method: string, path: string, cookie?: string, body?: unknown) => t.request(method, path, { cookie, body });

async function ok(method: string, path: string, cookie?: string, body?: unknown) {
  const res = await call(method, path, cookie, body);
  if (res.status !== 200 && res.status !== 201) throw new Error(`${method} ${path}: unexpected ${res.status}: ${res.text}`);
  return res.json;
}

const control = (drillId: string, verb: string) => call('POST', `/api/v1/drills/${drillId}/${verb}`, p.admin.cookie);
const drillNow = (drillId: string) => ok('GET', `/api/v1/drills/${drillId}`, p.admin.cookie);
/** Pushes since the last take, sorted: pushes to several devices leave in no set order. */
const taken = () => p.take().sort();
const at = (t0: number, seconds: number) => new Date(t0 + seconds * 1000).toISOString();

/** The drill_inject events on an incident's timeline, as `index@ISO time`. */
async function injectsOn(incidentId: string): Promise<string[]> {
  return (await p.timeline(incidentId)).filter((event) => event.type === 'drill_inject').map((event) => `${event.data.index}@${event.at}`);
}

/**
 * Ada is step 1, Bob step 2 (each step waits 5 min, no repeat); Cy is on no step. The scenario is the database
 * outage template: injects at 0, 120, 300, 420 (escalate) and 600 s.
 */
async function setup(options: { adaDevices?: number } = {}) {
  const ada = await p.responder('ada', { devices: options.adaDevices ?? 1 });
  const bob = await p.responder('bob');
  const cy = await p.responder('cy');
  const policy = await p.policy([
    { delaySeconds: 300, targets: [{ type: 'user', id: ada.user.id }] },
    { delaySeconds: 300, targets: [{ type: 'user', id: bob.user.id }] },
  ]);
  const service = await p.serviceWithPolicy(policy);
  const scenario = await ok('POST', '/api/v1/drills/scenarios', p.admin.cookie, { template: 'database-outage', serviceId: service.id });
  return { ada, bob, cy, service, scenario };
}

/** Starts a drill now and runs the engine once, as the server does after the request. */
async function startNow(body: Record<string, unknown>) {
  const drill = await ok('POST', '/api/v1/drills', p.admin.cookie, body);
  await t.engine.runOnce();
  const incident = await ok('GET', `/api/v1/incidents/${drill.incidentId}`, p.admin.cookie);
  return { drill, incident, t0: t.clock.now().getTime() };
}

describe('a drill run end to end', () => {
  it('plays injects exactly on time, pages the policy, is acknowledged from the page and finished by resolving', async () => {
    const { ada, scenario } = await setup();
    const { drill, incident, t0 } = await startNow({ scenarioId: scenario.id });
    expect(drill).toMatchObject({ status: 'running', startedAt: at(t0, 0), injectsDone: 1, nextInjectAt: at(t0, 120) });
    expect(incident).toMatchObject({ drill: true, drillId: drill.id, title: scenario.title, status: 'triggered' });
    expect(p.take()).toEqual([`ada-1 #${incident.number}`]);
    expect(p.lastPayloadTo('ada-1')).toMatchObject({ drill: true, incidentId: incident.id });

    // Not a second early, and at its due instant.
    await p.advance(119);
    expect(await injectsOn(incident.id)).toEqual([`0@${at(t0, 0)}`]);
    await p.advance(1);
    expect(await injectsOn(incident.id)).toEqual([`0@${at(t0, 0)}`, `1@${at(t0, 120)}`]);
    expect(p.take()).toEqual([]);

    // Step 2 after the step's 5 minutes, with the note inject at the same instant.
    await p.advance(179);
    expect(p.take()).toEqual([]);
    await p.advance(1);
    expect(p.take()).toEqual([`bob-1 #${incident.number}`]);
    expect(p.lastPayloadTo('bob-1')).toMatchObject({ drill: true });
    expect(await injectsOn(incident.id)).toEqual([`0@${at(t0, 0)}`, `1@${at(t0, 120)}`, `2@${at(t0, 300)}`]);

    // Ada acknowledges from her phone's notification (the page's token, no session).
    await p.advance(10);
    const token = p.lastPayloadTo('ada-1').ackToken;
    const acked = await call('POST', '/api/v1/page-actions/acknowledge', undefined, { token, incidentId: incident.id });
    expect(acked.status, acked.text).toBe(200);
    expect(acked.json.status).toBe('acknowledged');

    // The escalate inject arrives on time but escalates nothing: the incident is acknowledged.
    await p.advance(109);
    expect((await injectsOn(incident.id)).length).toBe(3);
    await p.advance(1);
    const timeline = await p.timeline(incident.id);
    expect(timeline.filter((e) => e.type === 'drill_inject').at(-1)).toMatchObject({ at: at(t0, 420), data: { index: 3, kind: 'escalate', escalated: false } });
    expect(p.take()).toEqual([]);

    await p.advance(80);
    await ok('POST', `/api/v1/incidents/${incident.id}/resolve`, ada.cookie);
    expect(await drillNow(drill.id)).toMatchObject({ status: 'finished', endedAt: at(t0, 500), nextInjectAt: null, injectsDone: 4 });
    expect(await nextDrillDue(t.db)).toBeNull();
    expect(await nextDue(t.db)).toEqual({ steps: null, pushes: null, messages: null });

    // The resolve-signal inject due at 600 s is dropped; nothing pages any more.
    await p.advance(3600);
    expect(await injectsOn(incident.id)).toHaveLength(4);
    expect(p.take()).toEqual([]);
    expect((await drillNow(drill.id)).status).toBe('finished');
  });

  it('an escalate inject moves a still-unacknowledged incident to its next step at once', async () => {
    const ada = await p.responder('ada');
    const bob = await p.responder('bob');
    const policy = await p.policy([
      { delaySeconds: 600, targets: [{ type: 'user', id: ada.user.id }] },
      { delaySeconds: 600, targets: [{ type: 'user', id: bob.user.id }] },
    ]);
    const service = await p.serviceWithPolicy(policy);
    const scenario = await ok('POST', '/api/v1/drills/scenarios', p.admin.cookie, { template: 'database-outage', serviceId: service.id });
    const { incident, t0 } = await startNow({ scenarioId: scenario.id });
    expect(p.take()).toEqual([`ada-1 #${incident.number}`]);
    await p.advance(419);
    expect(p.take()).toEqual([]);
    await p.advance(1);
    expect(p.take()).toEqual([`bob-1 #${incident.number}`]);
    const timeline = await p.timeline(incident.id);
    expect(timeline.filter((e) => e.type === 'drill_inject').at(-1)).toMatchObject({ at: at(t0, 420), data: { index: 3, kind: 'escalate', escalated: true } });
    expect(timeline.filter((e) => e.type === 'step_reached').map((e) => [e.data.step, e.at])).toEqual([
      [1, at(t0, 0)],
      [2, at(t0, 420)],
    ]);
    // Step 2's own timer was not left behind: nothing pages at 600 s.
    await p.advance(180);
    expect(p.take()).toEqual([]);
  });
});

describe('participants', () => {
  async function verifiedEmail(cookie: string, address: string) {
    const method = await ok('POST', '/api/v1/me/contact-methods', cookie, { type: 'email', address });
    const code = /code is (\d{6})/.exec(smtp.lastTo(address)?.subject ?? '')![1];
    return ok('POST', `/api/v1/me/contact-methods/${method.id}/verify`, cookie, { code });
  }

  it('only participants are paged: those a step reaches, else all of them; every page is marked DRILL', async () => {
    const { ada, bob, cy, scenario } = await setup();
    const address = `cy${t.unique()}@example.com`;
    const email = await verifiedEmail(cy.cookie, address);
    const rules: NotificationRule[] = [
      { delaySeconds: 0, method: 'push' },
      { delaySeconds: 60, method: 'contact', contactMethodId: email.id },
    ];
    await ok('PUT', '/api/v1/me/notification-rules', cy.cookie, rules);
    const pushedBefore = push.received.length;

    // Step 1 reaches only Ada, who is no participant: every participant is paged. Step 2 reaches Bob: only him.
    const { drill, incident } = await startNow({ scenarioId: scenario.id, participants: [bob.user.id, cy.user.id] });
    expect(drill.participants).toEqual([
      { id: bob.user.id, name: 'bob' },
      { id: cy.user.id, name: 'cy' },
    ]);
    expect(taken()).toEqual([`bob-1 #${incident.number}`, `cy-1 #${incident.number}`]);
    await p.advance(59);
    expect(smtp.received.filter((m) => m.to.includes(address))).toHaveLength(1); // the verification code
    await p.advance(1);
    const mail = smtp.lastTo(address)!;
    expect(mail.subject).toMatch(/^DRILL · /);
    expect(mail.subject).toContain(scenario.title);
    await p.advance(240);
    expect(p.take()).toEqual([`bob-1 #${incident.number}`]);
    // The escalate inject at 420 s moves on from the last step to step 1 again, as a responder's escalate does.
    await p.advance(120);
    expect(taken()).toEqual([`bob-1 #${incident.number}`, `cy-1 #${incident.number}`]);
    await ok('POST', `/api/v1/incidents/${incident.id}/resolve`, bob.cookie);
    await p.advance(3600);
    expect(p.take()).toEqual([]);
    expect(smtp.received.filter((m) => m.to.includes(address))).toHaveLength(2);

    const payloads = push.received.slice(pushedBefore).map((m) => JSON.parse(m.payload!) as PagePayload);
    expect(payloads).toHaveLength(5);
    for (const payload of payloads) expect(payload).toMatchObject({ drill: true, incidentId: incident.id });
    expect(ada.subscriptions).toHaveLength(1);
    expect(push.received.slice(pushedBefore).map((m) => m.label)).not.toContain('ada-1');
  });

  it('a participant every step reaches is paged step by step, as the real chain would be', async () => {
    const { ada, bob, scenario } = await setup({ adaDevices: 2 });
    const { incident } = await startNow({ scenarioId: scenario.id, participants: [ada.user.id, bob.user.id] });
    expect(taken()).toEqual([`ada-1 #${incident.number}`, `ada-2 #${incident.number}`]);
    await p.advance(300);
    expect(p.take()).toEqual([`bob-1 #${incident.number}`]);
  });
});

describe('the facilitator’s controls', () => {
  it('pause holds the script, resume plays on with the pause added, advance brings the rest forward', async () => {
    const { ada, scenario } = await setup();
    const { drill, incident, t0 } = await startNow({ scenarioId: scenario.id });
    await ok('POST', `/api/v1/incidents/${incident.id}/acknowledge`, ada.cookie);
    p.take();

    await p.advance(60);
    expect(await (await control(drill.id, 'pause')).json).toMatchObject({ status: 'paused', pausedAt: at(t0, 60), nextInjectAt: null });
    expect(expectApiError(await control(drill.id, 'pause'), 409).message).toMatch(/already paused/);
    await p.advance(86_400);
    expect(await injectsOn(incident.id)).toEqual([`0@${at(t0, 0)}`]);
    expect(await nextDrillDue(t.db)).toBeNull();

    // Resumed after a day and a minute paused: inject 1 (120 s) now comes at 120 s + the pause.
    const pause = 86_400;
    const resumed = (await control(drill.id, 'resume')).json;
    expect(resumed).toMatchObject({ status: 'running', pausedAt: null, nextInjectAt: at(t0, 120 + pause) });
    expect(expectApiError(await control(drill.id, 'resume'), 409).message).toMatch(/not paused/);
    await p.advance(59);
    expect(await injectsOn(incident.id)).toHaveLength(1);
    await p.advance(1);
    expect((await injectsOn(incident.id)).at(-1)).toBe(`1@${at(t0, 120 + pause)}`);

    // Advance: inject 2 (due in 180 s) arrives now; inject 3 keeps its 120 s after it.
    const advanced = (await control(drill.id, 'advance')).json;
    expect(advanced).toMatchObject({ status: 'running', injectsDone: 3, nextInjectAt: at(t0, 120 + pause + 120) });
    expect((await injectsOn(incident.id)).at(-1)).toBe(`2@${at(t0, 120 + pause)}`);
    await p.advance(119);
    expect(await injectsOn(incident.id)).toHaveLength(3);
    await p.advance(1);
    expect((await injectsOn(incident.id)).at(-1)).toBe(`3@${at(t0, 240 + pause)}`);

    // Advance while paused: the last inject comes now, and the drill stays paused.
    await p.advance(30);
    await control(drill.id, 'pause');
    await p.advance(30);
    const whilePaused = (await control(drill.id, 'advance')).json;
    expect(whilePaused).toMatchObject({ status: 'paused', injectsDone: 5, nextInjectAt: null });
    expect(await injectsOn(incident.id)).toEqual([
      `0@${at(t0, 0)}`,
      `1@${at(t0, 120 + pause)}`,
      `2@${at(t0, 120 + pause)}`,
      `3@${at(t0, 240 + pause)}`,
      `4@${at(t0, 300 + pause)}`,
    ]);
    expect(expectApiError(await control(drill.id, 'advance'), 409).message).toMatch(/every inject has already been delivered/);
    await ok('POST', `/api/v1/drills/${drill.id}/resume`, p.admin.cookie);
    expect(expectApiError(await control(drill.id, 'advance'), 409).message).toMatch(/every inject has already been delivered/);

    const controls = (await p.timeline(incident.id)).filter((e) => e.type === 'drill_control').map((e) => e.data.control);
    expect(controls).toEqual(['pause', 'resume', 'advance', 'pause', 'advance', 'resume']);
    expect(p.take()).toEqual([]);

    // Once finished, every control is refused with the reason.
    await ok('POST', `/api/v1/incidents/${incident.id}/resolve`, ada.cookie);
    for (const verb of ['pause', 'resume', 'advance', 'abort']) expect(expectApiError(await control(drill.id, verb), 409).message).toMatch(/already finished/);
  });

  it('an advance resent with its Idempotency-Key (a lost reply) delivers one inject, not two', async () => {
    const { scenario } = await setup();
    const { drill, incident } = await startNow({ scenarioId: scenario.id });
    p.take();
    const send = () => t.request('POST', `/api/v1/drills/${drill.id}/advance`, { cookie: p.admin.cookie, headers: { 'Idempotency-Key': 'advance-1' } });
    const first = await send();
    const again = await send();
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(again.json).toEqual(first.json);
    expect(first.json.injectsDone).toBe(2);
    expect(await injectsOn(incident.id)).toHaveLength(2);
  });

  it('abort stops paging, re-pages, escalation and pending injects at once and resolves the incident', async () => {
    const ada = await p.responder('ada', { repageDelays: [0, 60, 120] });
    const bob = await p.responder('bob');
    const policy = await p.policy(
      [
        { delaySeconds: 300, targets: [{ type: 'user', id: ada.user.id }] },
        { delaySeconds: 300, targets: [{ type: 'user', id: bob.user.id }] },
      ],
      2,
    );
    const service = await p.serviceWithPolicy(policy);
    const scenario = await ok('POST', '/api/v1/drills/scenarios', p.admin.cookie, { template: 'database-outage', serviceId: service.id });
    const { drill, incident, t0 } = await startNow({ scenarioId: scenario.id });
    expect(p.take()).toEqual([`ada-1 #${incident.number}`]);
    await p.advance(60);
    expect(p.take()).toEqual([`ada-1 #${incident.number}`]);

    await p.advance(30);
    const aborted = (await control(drill.id, 'abort')).json;
    expect(aborted).toMatchObject({ status: 'aborted', endedAt: at(t0, 90), nextInjectAt: null });
    await t.engine.runOnce();
    const after = await ok('GET', `/api/v1/incidents/${incident.id}`, p.admin.cookie);
    expect(after.status).toBe('resolved');
    expect(after.timeline.filter((e: { type: string }) => ['drill_control', 'resolved'].includes(e.type)).map((e: { type: string; actor: { name: string } }) => [e.type, e.actor.name])).toEqual([
      ['drill_control', 'Admin'],
      ['resolved', 'Admin'],
    ]);
    expect(await nextDue(t.db)).toEqual({ steps: null, pushes: null, messages: null });

    await p.advance(7200);
    expect(p.take()).toEqual([]);
    expect(await injectsOn(incident.id)).toEqual([`0@${at(t0, 0)}`]);
    for (const verb of ['pause', 'resume', 'advance', 'abort']) expect(expectApiError(await control(drill.id, verb), 409).message).toMatch(/already aborted/);
  });

  it('abort of a scheduled drill cancels it: no reminder, no incident', async () => {
    const { cy, scenario } = await setup();
    const startsAt = new Date(t.clock.now().getTime() + 2 * 3600_000).toISOString();
    const drill = await ok('POST', '/api/v1/drills', p.admin.cookie, { scenarioId: scenario.id, participants: [cy.user.id], startsAt, remindMinutesBefore: 30 });
    expect(drill).toMatchObject({ status: 'scheduled', incidentId: null });
    for (const verb of ['pause', 'resume', 'advance']) expectApiError(await control(drill.id, verb), 409);
    expect((await control(drill.id, 'abort')).json).toMatchObject({ status: 'aborted', incidentId: null, remindAt: null });
    await p.advance(3 * 3600);
    expect(p.take()).toEqual([]);
    expect(await drillNow(drill.id)).toMatchObject({ status: 'aborted', incidentId: null, startedAt: null });
    expect(await nextDrillDue(t.db)).toBeNull();
  });
});

describe('the game-day calendar', () => {
  it('reminds each participant’s devices 30 min ahead, then starts and pages at startsAt', async () => {
    const { ada, cy, scenario } = await setup({ adaDevices: 2 });
    const t0 = t.clock.now().getTime();
    const drill = await ok('POST', '/api/v1/drills', p.admin.cookie, {
      scenarioId: scenario.id,
      participants: [ada.user.id, cy.user.id],
      startsAt: at(t0, 7200),
      remindMinutesBefore: 30,
    });
    expect(drill).toMatchObject({ status: 'scheduled', startsAt: at(t0, 7200), remindAt: at(t0, 5400), incidentId: null, nextInjectAt: null });
    await t.engine.runOnce();
    await p.advance(5399);
    expect(p.take()).toEqual([]);
    await p.advance(1);
    const title = `DRILL · Game day in 30 min: ${scenario.name}`;
    expect(taken()).toEqual([`ada-1 notice: ${title}`, `ada-2 notice: ${title}`, `cy-1 notice: ${title}`]);
    expect(await drillNow(drill.id)).toMatchObject({ status: 'scheduled', remindAt: null });

    await p.advance(1799);
    expect(p.take()).toEqual([]);
    await p.advance(1);
    const started = await drillNow(drill.id);
    expect(started).toMatchObject({ status: 'running', startedAt: at(t0, 7200), injectsDone: 1 });
    const incident = await ok('GET', `/api/v1/incidents/${started.incidentId}`, p.admin.cookie);
    expect(incident.drill).toBe(true);
    expect(taken()).toEqual([`ada-1 #${incident.number}`, `ada-2 #${incident.number}`]);
    expect(await injectsOn(incident.id)).toEqual([`0@${at(t0, 7200)}`]);
  });

  it('a scheduled drill whose service was archived meanwhile is cancelled at its start, and its people told', async () => {
    const { cy, service, scenario } = await setup();
    const t0 = t.clock.now().getTime();
    const drill = await ok('POST', '/api/v1/drills', p.admin.cookie, { scenarioId: scenario.id, participants: [cy.user.id], startsAt: at(t0, 3600), remindMinutesBefore: 0 });
    await ok('PATCH', `/api/v1/services/${service.id}`, p.admin.cookie, { archived: true });
    await p.advance(3600);
    expect(p.take()).toEqual([`cy-1 notice: DRILL · Game day cancelled: ${scenario.name}`]);
    expect(await drillNow(drill.id)).toMatchObject({ status: 'aborted', endedAt: at(t0, 3600), startedAt: null, incidentId: null });
    expect((await ok('GET', '/api/v1/incidents', p.admin.cookie)).items).toEqual([]);
    await p.advance(3600);
    expect(p.take()).toEqual([]);
  });

  it('a start sent twice with one Idempotency-Key (a phone retrying) starts one drill', async () => {
    const { scenario } = await setup();
    const send = () => t.request('POST', '/api/v1/drills', { cookie: p.admin.cookie, body: { scenarioId: scenario.id }, headers: { 'Idempotency-Key': 'tap-1' } });
    const first = await send();
    const again = await send();
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.json.id).toBe(first.json.id);
    await t.engine.runOnce();
    expect((await ok('GET', '/api/v1/drills', p.admin.cookie)).items).toHaveLength(1);
    expect(p.take()).toEqual([`ada-1 #${first.json.incidentNumber}`]);
  });

  it('refuses a drill it cannot plan, naming the field', async () => {
    const { cy, scenario } = await setup();
    const viewer = await t.signedInUser('viewer', 'Vic');
    const gone = await p.responder('gone');
    await ok('PATCH', `/api/v1/users/${gone.user.id}`, p.admin.cookie, { active: false });
    const post = (body: Record<string, unknown>) => call('POST', '/api/v1/drills', p.admin.cookie, body);
    const tooFar = new Date(t.clock.now().getTime() + 367 * 86_400_000).toISOString();
    expect(expectApiError(await post({ scenarioId: scenario.id, startsAt: tooFar }), 400).message).toMatch(/startsAt/);
    expect(expectApiError(await post({ scenarioId: crypto.randomUUID() }), 400).message).toMatch(/scenarioId/);
    expect(expectApiError(await post({ scenarioId: scenario.id, participants: [cy.user.id, viewer.user.id] }), 400).message).toMatch(/participants/);
    expect(expectApiError(await post({ scenarioId: scenario.id, participants: [gone.user.id] }), 400).message).toMatch(/participants/);
    expect(expectApiError(await post({ scenarioId: scenario.id, participants: [crypto.randomUUID()] }), 400).message).toMatch(/participants/);
    expect(expectApiError(await post({ scenarioId: scenario.id, startsAt: 'tomorrow' }), 400).message).toMatch(/startsAt/);
    expect(expectApiError(await post({ scenarioId: scenario.id, remindMinutesBefore: -1 }), 400).message).toMatch(/remindMinutesBefore/);
    expect(expectApiError(await post({ scenarioId: scenario.id, startAt: tooFar }), 400).message).toMatch(/startAt/);
    expect((await ok('GET', '/api/v1/drills', p.admin.cookie)).items).toEqual([]);
    expect(p.take()).toEqual([]);
  });
});

describe('a restart mid-drill', () => {
  const restart = async () => {
    const muster = await createMuster({ db: t.db, clock: t.clock, dataDir: t.dir, vapidSubject: 'mailto:ops@example.com', timers: false, pushAllowedHosts: [push.host], pushAgent: push.agent, mailer });
    await muster.engine.start();
    return muster.engine;
  };

  it('loses no inject: those due while the process was down arrive once, in order', async () => {
    const { ada, scenario } = await setup();
    const { drill, incident, t0 } = await startNow({ scenarioId: scenario.id });
    await ok('POST', `/api/v1/incidents/${incident.id}/acknowledge`, ada.cookie);
    p.take();
    await t.engine.stop();
    t.clock.advance(330_000);
    const engine = await restart();
    await engine.runOnce();
    await engine.runOnce();
    expect(await injectsOn(incident.id)).toEqual([`0@${at(t0, 0)}`, `1@${at(t0, 330)}`, `2@${at(t0, 330)}`]);
    expect((await drillNow(drill.id)).nextInjectAt).toBe(at(t0, 420));
    t.clock.advance(90_000);
    await engine.runOnce();
    expect((await injectsOn(incident.id)).at(-1)).toBe(`3@${at(t0, 420)}`);
    expect(p.take()).toEqual([]);
    await engine.stop();
  });

  it('a scheduled drill that fell due while the process was down starts on restart, without a stale reminder', async () => {
    const { ada, scenario } = await setup();
    const t0 = t.clock.now().getTime();
    const drill = await ok('POST', '/api/v1/drills', p.admin.cookie, { scenarioId: scenario.id, participants: [ada.user.id], startsAt: at(t0, 7200), remindMinutesBefore: 30 });
    await t.engine.runOnce();
    await t.engine.stop();
    // Down from before the reminder to after the start: the page itself is the news, a "game day now" notice is noise.
    t.clock.advance(9000_000);
    const engine = await restart();
    await engine.runOnce();
    const started = await drillNow(drill.id);
    expect(started).toMatchObject({ status: 'running', startedAt: at(t0, 9000), injectsDone: 1, remindAt: null });
    const incident = await ok('GET', `/api/v1/incidents/${started.incidentId}`, p.admin.cookie);
    expect(p.take()).toEqual([`ada-1 #${incident.number}`]);
    await engine.stop();
  });
});

describe('GET /drills', () => {
  it('lists latest start first, filters by status and scenario; 404 for an unknown drill; viewers may not start one', async () => {
    const { scenario, service } = await setup();
    const other = await ok('POST', '/api/v1/drills/scenarios', p.admin.cookie, { template: 'bad-deploy', serviceId: service.id });
    const t0 = t.clock.now().getTime();
    const running = await ok('POST', '/api/v1/drills', p.admin.cookie, { scenarioId: scenario.id });
    const later = await ok('POST', '/api/v1/drills', p.admin.cookie, { scenarioId: scenario.id, startsAt: at(t0, 7200) });
    const sooner = await ok('POST', '/api/v1/drills', p.admin.cookie, { scenarioId: other.id, startsAt: at(t0, 3600) });
    await t.engine.runOnce();
    p.take();
    const ids = async (query = '') => (await ok('GET', `/api/v1/drills${query}`, p.admin.cookie)).items.map((d: { id: string }) => d.id);
    expect(await ids()).toEqual([later.id, sooner.id, running.id]);
    expect(await ids('?status=scheduled')).toEqual([later.id, sooner.id]);
    expect(await ids('?status=running,finished')).toEqual([running.id]);
    expect(await ids(`?scenarioId=${other.id}`)).toEqual([sooner.id]);
    expect(await ids(`?status=running&scenarioId=${other.id}`)).toEqual([]);
    expect(expectApiError(await call('GET', '/api/v1/drills?status=done', p.admin.cookie), 400).message).toMatch(/status/);

    const viewer = await t.signedInUser('viewer', 'Vic');
    expect((await ok('GET', `/api/v1/drills/${running.id}`, viewer.cookie)).id).toBe(running.id);
    expectApiError(await call('GET', `/api/v1/drills/${crypto.randomUUID()}`, p.admin.cookie), 404);
    expectApiError(await call('POST', `/api/v1/drills/${crypto.randomUUID()}/pause`, p.admin.cookie), 404);
    expectApiError(await call('POST', '/api/v1/drills', viewer.cookie, { scenarioId: scenario.id }), 403);
    expectApiError(await call('POST', `/api/v1/drills/${running.id}/abort`, viewer.cookie), 403);
    expect((await drillNow(running.id)).status).toBe('running');
  });
});
