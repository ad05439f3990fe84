import { beforeEach, describe, expect, it } from 'vitest';
import type { NotificationRule } from '../../shared/api/paging';
import type { PagePayload } from '../../shared/api/push';
import { nextDrillDue } from '../../server/db/stores/drills';
import { nextDue } from '../../server/db/stores/engine';
import { createMuster } from '../../server/muster';
import { useDrillSuite } from '../helpers/drill-suite';
import type { PagingFixture } from '../helpers/paging';
import type { TestApp } from '../helpers/test-app';

// A drill runs end to end on the fake clock through the real pipeline (see useDrillSuite): injects on time, the
// policy paging only the participants, marked DRILL on every channel, and nothing lost across a restart.

const { suite, call, ok, setup, drillNow, taken, at, injectsOn, startNow } = useDrillSuite();
let t: TestApp;
let p: PagingFixture;
beforeEach(() => {
  ({ t, p } = suite);
});

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
    const code = /code is (\d{6})/.exec(suite.smtp.lastTo(address)?.subject ?? '')![1];
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
    const pushedBefore = suite.push.received.length;

    // Step 1 reaches only Ada, who is no participant: every participant is paged. Step 2 reaches Bob: only him.
    const { drill, incident } = await startNow({ scenarioId: scenario.id, participants: [bob.user.id, cy.user.id] });
    expect(drill.participants).toEqual([
      { id: bob.user.id, name: 'bob' },
      { id: cy.user.id, name: 'cy' },
    ]);
    expect(taken()).toEqual([`bob-1 #${incident.number}`, `cy-1 #${incident.number}`]);
    await p.advance(59);
    expect(suite.smtp.received.filter((m) => m.to.includes(address))).toHaveLength(1); // the verification code
    await p.advance(1);
    const mail = suite.smtp.lastTo(address)!;
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
    expect(suite.smtp.received.filter((m) => m.to.includes(address))).toHaveLength(2);

    const payloads = suite.push.received.slice(pushedBefore).map((m) => JSON.parse(m.payload!) as PagePayload);
    expect(payloads).toHaveLength(5);
    for (const payload of payloads) expect(payload).toMatchObject({ drill: true, incidentId: incident.id });
    expect(ada.subscriptions).toHaveLength(1);
    expect(suite.push.received.slice(pushedBefore).map((m) => m.label)).not.toContain('ada-1');
  });

  it('a participant every step reaches is paged step by step, as the real chain would be', async () => {
    const { ada, bob, scenario } = await setup({ adaDevices: 2 });
    const { incident } = await startNow({ scenarioId: scenario.id, participants: [ada.user.id, bob.user.id] });
    expect(taken()).toEqual([`ada-1 #${incident.number}`, `ada-2 #${incident.number}`]);
    await p.advance(300);
    expect(p.take()).toEqual([`bob-1 #${incident.number}`]);
  });
});

describe('a restart mid-drill', () => {
  const restart = async () => {
    const muster = await createMuster({ db: t.db, clock: t.clock, dataDir: t.dir, vapidSubject: 'mailto:ops@example.com', timers: false, pushAllowedHosts: [suite.push.host], pushAgent: suite.push.agent, mailer: suite.mailer });
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
