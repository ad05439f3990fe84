import { beforeEach, describe, expect, it } from 'vitest';
import { nextDrillDue } from '../../server/db/stores/drills';
import { nextDue } from '../../server/db/stores/engine';
import { useDrillSuite } from '../helpers/drill-suite';
import type { PagingFixture } from '../helpers/paging';
import { expectApiError, type TestApp } from '../helpers/test-app';

// The facilitator's pause, resume, advance and abort on the fake clock: what each does to the injects and the
// paging, and the 409s saying why one is not allowed.

const { suite, ok, setup, control, drillNow, at, injectsOn, startNow } = useDrillSuite();
let t: TestApp;
let p: PagingFixture;
beforeEach(() => {
  ({ t, p } = suite);
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
