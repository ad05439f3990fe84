import { beforeEach, describe, expect, it } from 'vitest';
import { useDrillSuite } from '../helpers/drill-suite';
import type { PagingFixture } from '../helpers/paging';
import { expectApiError, type TestApp } from '../helpers/test-app';

// Planning drills: the game-day calendar (reminder, start at startsAt), what POST /drills refuses, and the
// drill list.

const { suite, call, ok, setup, drillNow, taken, at, injectsOn } = useDrillSuite();
let t: TestApp;
let p: PagingFixture;
beforeEach(() => {
  ({ t, p } = suite);
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
