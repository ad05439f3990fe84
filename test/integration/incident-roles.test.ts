import { describe, expect, it } from 'vitest';
import { usePagingSuite } from '../helpers/paging';
import { expectApiError } from '../helpers/test-app';

const suite = usePagingSuite();

/** An incident paging ada (step 1, then bob after 5 minutes), already acknowledged by ada unless asked not to. */
async function runningIncident(options: { acknowledge?: boolean } = {}) {
  const ada = await suite.p.responder('ada');
  const bob = await suite.p.responder('bob');
  const cy = await suite.p.responder('cy');
  const dan = await suite.p.responder('dan');
  const policy = await suite.p.policy([
    { delaySeconds: 300, targets: [{ type: 'user', id: ada.user.id }] },
    { delaySeconds: 300, targets: [{ type: 'user', id: bob.user.id }] },
  ]);
  const service = await suite.p.serviceWithPolicy(policy);
  const incident = await suite.p.trigger(service.id);
  expect(suite.p.take()).toEqual([`ada-1 #${incident.number}`]);
  if (options.acknowledge !== false) {
    expect((await suite.t.request('POST', `/api/v1/incidents/${incident.id}/acknowledge`, { cookie: ada.cookie })).status).toBe(200);
  }
  return { ada, bob, cy, dan, incident };
}

const putRoles = (incidentId: string, cookie: string, body: unknown, key?: string) =>
  suite.t.request('PUT', `/api/v1/incidents/${incidentId}/roles`, { cookie, body, headers: key ? { 'Idempotency-Key': key } : {} });

const events = async (incidentId: string, type: string) => (await suite.p.timeline(incidentId)).filter((event) => event.type === type);
const sorted = (pages: string[]) => [...pages].sort();

describe('PUT /api/v1/incidents/:id/roles', { timeout: 30_000 }, () => {
  it('answers the roles with names; a handoff is recorded; only newcomers are paged, once, even while acknowledged', async () => {
    const { ada, bob, cy, dan, incident } = await runningIncident();
    const n = incident.number;

    const took = await putRoles(incident.id, ada.cookie, { commander: ada.user.id });
    expect(took.status).toBe(200);
    expect(took.json).toEqual({ commander: { id: ada.user.id, name: 'ada' }, communications: null, scribe: null, experts: [] });
    await suite.t.engine.runOnce();
    expect(suite.p.take()).toEqual([]); // taking a role yourself pages nobody

    const handed = await putRoles(incident.id, ada.cookie, { commander: bob.user.id, scribe: cy.user.id });
    expect(handed.json).toEqual({ commander: { id: bob.user.id, name: 'bob' }, communications: null, scribe: { id: cy.user.id, name: 'cy' }, experts: [] });
    await suite.t.engine.runOnce();
    expect(sorted(suite.p.take())).toEqual([`bob-1 #${n}`, `cy-1 #${n}`]);
    expect(suite.p.lastPayloadTo('bob-1').reason).toBe(`You were added as Incident Commander on #${n}`);
    expect(suite.p.lastPayloadTo('cy-1').reason).toBe(`You were added as Scribe on #${n}`);
    expect(suite.p.lastPayloadTo('cy-1').ackToken).toEqual(expect.any(String));

    // cy already holds a role, ada was paged by the escalation: only dan is new.
    const experts = await putRoles(incident.id, bob.cookie, { experts: [cy.user.id, dan.user.id], communications: ada.user.id });
    expect(experts.json.experts).toEqual([
      { id: cy.user.id, name: 'cy' },
      { id: dan.user.id, name: 'dan' },
    ]);
    await suite.t.engine.runOnce();
    expect(suite.p.take()).toEqual([`dan-1 #${n}`]);
    expect(suite.p.lastPayloadTo('dan-1').reason).toBe(`You were added as Subject Matter Expert on #${n}`);

    await putRoles(incident.id, bob.cookie, { experts: [dan.user.id] });
    const roleEvents = await events(incident.id, 'role_changed');
    expect(roleEvents.map((event) => ({ actor: (event as any).actor.name, ...event.data }))).toEqual([
      { actor: 'ada', role: 'commander', from: null, to: { id: ada.user.id, name: 'ada' } },
      { actor: 'ada', role: 'commander', from: { id: ada.user.id, name: 'ada' }, to: { id: bob.user.id, name: 'bob' } },
      { actor: 'ada', role: 'scribe', from: null, to: { id: cy.user.id, name: 'cy' } },
      { actor: 'bob', role: 'communications', from: null, to: { id: ada.user.id, name: 'ada' } },
      { actor: 'bob', role: 'experts', added: [{ id: cy.user.id, name: 'cy' }, { id: dan.user.id, name: 'dan' }], removed: [] },
      { actor: 'bob', role: 'experts', added: [], removed: [{ id: cy.user.id, name: 'cy' }] },
    ]);
    // The added pages left the escalation alone: it stopped at the acknowledge and stays stopped.
    const detail = (await suite.t.request('GET', `/api/v1/incidents/${incident.id}`, { cookie: ada.cookie })).json;
    expect(detail.escalation).toMatchObject({ step: 1, state: 'stopped' });
    expect(detail.roles).toEqual({ commander: { id: bob.user.id, name: 'bob' }, communications: { id: ada.user.id, name: 'ada' }, scribe: { id: cy.user.id, name: 'cy' }, experts: [{ id: dan.user.id, name: 'dan' }] });
    await suite.p.advance(3600);
    // Nobody is paged again; only the Communications Lead is reminded that no status update was posted.
    expect(suite.p.take()).toEqual([`ada-1 notice: No status update on #${n} for 1 h: post one for stakeholders`]);
  });

  it('a role given on a triggered incident pages the newcomer without moving the escalation on', async () => {
    const { ada, cy, incident } = await runningIncident({ acknowledge: false });
    const before = (await suite.t.request('GET', `/api/v1/incidents/${incident.id}`, { cookie: ada.cookie })).json.escalation;
    await putRoles(incident.id, ada.cookie, { scribe: cy.user.id });
    await suite.t.engine.runOnce();
    expect(suite.p.take()).toEqual([`cy-1 #${incident.number}`]);
    const after = (await suite.t.request('GET', `/api/v1/incidents/${incident.id}`, { cookie: ada.cookie })).json.escalation;
    expect({ step: after.step, nextStepAt: after.nextStepAt }).toEqual({ step: before.step, nextStepAt: before.nextStepAt });
    await suite.p.advance(300); // step 2 pages bob on time, as before
    expect(suite.p.take()).toEqual([`bob-1 #${incident.number}`]);
  });

  it('refuses unknown, deactivated and viewer users naming the field, and bodies that ask for nothing', async () => {
    const { ada, bob, incident } = await runningIncident();
    expect(expectApiError(await putRoles(incident.id, ada.cookie, { commander: 'no-such-user' }), 400).message).toContain('commander');
    await suite.t.request('PATCH', `/api/v1/users/${bob.user.id}`, { cookie: suite.p.admin.cookie, body: { active: false } });
    expect(expectApiError(await putRoles(incident.id, ada.cookie, { scribe: bob.user.id }), 400).message).toMatch(/^scribe: bob is deactivated/);
    const viewer = await suite.t.signedInUser('viewer', 'vic');
    expect(expectApiError(await putRoles(incident.id, ada.cookie, { experts: [viewer.user.id] }), 400).message).toMatch(/^experts: vic is a viewer/);
    expectApiError(await putRoles(incident.id, ada.cookie, {}), 400);
    expectApiError(await putRoles(incident.id, ada.cookie, { boss: ada.user.id }), 400);
    expectApiError(await putRoles('no-such-incident', ada.cookie, { commander: ada.user.id }), 404);
    expectApiError(await putRoles(incident.id, viewer.cookie, { commander: ada.user.id }), 403);
    expect(await events(incident.id, 'role_changed')).toEqual([]);
  });

  it('removing an expert works though another expert was deactivated since', async () => {
    const { ada, bob, cy, incident } = await runningIncident();
    await putRoles(incident.id, ada.cookie, { experts: [bob.user.id, cy.user.id] });
    await suite.t.request('PATCH', `/api/v1/users/${bob.user.id}`, { cookie: suite.p.admin.cookie, body: { active: false } });
    const res = await putRoles(incident.id, ada.cookie, { experts: [bob.user.id] });
    expect(res.status).toBe(200);
    expect(res.json.experts).toEqual([{ id: bob.user.id, name: 'bob' }]);
  });

  it('a replay with the same Idempotency-Key answers the first result and pages once', async () => {
    const { ada, cy, incident } = await runningIncident();
    const first = await putRoles(incident.id, ada.cookie, { scribe: cy.user.id }, 'roles-key-1');
    const again = await putRoles(incident.id, ada.cookie, { scribe: cy.user.id }, 'roles-key-1');
    expect(again.status).toBe(200);
    expect(again.json).toEqual(first.json);
    await suite.t.engine.runOnce();
    expect(suite.p.take()).toEqual([`cy-1 #${incident.number}`]);
    expect(await events(incident.id, 'role_changed')).toHaveLength(1);
  });
});

describe('POST /api/v1/incidents/:id/responders', { timeout: 30_000 }, () => {
  const addResponders = (incidentId: string, cookie: string, body: unknown, key?: string) =>
    suite.t.request('POST', `/api/v1/incidents/${incidentId}/responders`, { cookie, body, headers: key ? { 'Idempotency-Key': key } : {} });

  it('pages a person now into an acknowledged incident, delivered through the push service', async () => {
    const { ada, dan, incident } = await runningIncident();
    const res = await addResponders(incident.id, ada.cookie, { userId: dan.user.id });
    expect(res.status).toBe(200);
    expect(res.json.status).toBe('acknowledged');
    expect(res.json.timeline.at(-1)).toMatchObject({
      type: 'responders_added',
      actor: { id: ada.user.id, name: 'ada' },
      data: { users: [{ id: dan.user.id, name: 'dan' }], via: { type: 'user', id: dan.user.id, name: 'dan' } },
    });
    await suite.t.engine.runOnce();
    expect(suite.p.take()).toEqual([`dan-1 #${incident.number}`]);
    const payload = suite.p.lastPayloadTo('dan-1');
    expect(payload).toMatchObject({ incidentId: incident.id, reason: `You were added as a responder on #${incident.number}` });
    const timeline = await suite.p.timeline(incident.id);
    expect(timeline.filter((event) => event.type === 'paged' && event.data.userId === dan.user.id)).toHaveLength(1);
    expect(timeline.filter((event) => event.type === 'page_delivered' && event.data.userId === dan.user.id)).toHaveLength(1);
  });

  it('acknowledging from an added responder page answers success on an acknowledged incident and stops their re-pages', async () => {
    const { ada, incident } = await runningIncident();
    const eve = await suite.p.responder('eve', { repageDelays: [0, 60] });
    await addResponders(incident.id, ada.cookie, { userId: eve.user.id });
    await suite.t.engine.runOnce();
    expect(suite.p.take()).toEqual([`eve-1 #${incident.number}`]);
    const token = suite.p.lastPayloadTo('eve-1').ackToken;
    const ack = await suite.t.request('POST', '/api/v1/page-actions/acknowledge', { body: { token } });
    expect(ack.status).toBe(200);
    expect(ack.json.status).toBe('acknowledged');
    expect(await events(incident.id, 'acknowledged')).toHaveLength(1);
    await suite.p.advance(120);
    expect(suite.p.take()).toEqual([]);
  });

  it('pages whoever a schedule has on call now, without touching the escalation', async () => {
    const { ada, cy, incident } = await runningIncident({ acknowledge: false });
    const schedule = await suite.t.request('POST', '/api/v1/schedules', {
      cookie: suite.p.admin.cookie,
      body: { name: 'database', timeZone: 'UTC', layers: [{ users: [cy.user.id], startDate: '2020-01-01', handoffTime: '09:00', shift: { length: 1, unit: 'weeks' } }] },
    });
    expect(schedule.status).toBe(201);
    const before = (await suite.t.request('GET', `/api/v1/incidents/${incident.id}`, { cookie: ada.cookie })).json.escalation;
    const res = await addResponders(incident.id, ada.cookie, { scheduleId: schedule.json.id });
    expect(res.status).toBe(200);
    expect(res.json.timeline.at(-1).data).toEqual({ users: [{ id: cy.user.id, name: 'cy' }], via: { type: 'schedule', id: schedule.json.id, name: 'database' } });
    expect({ step: res.json.escalation.step, nextStepAt: res.json.escalation.nextStepAt }).toEqual({ step: before.step, nextStepAt: before.nextStepAt });
    await suite.t.engine.runOnce();
    expect(suite.p.take()).toEqual([`cy-1 #${incident.number}`]);
    await suite.p.advance(300);
    expect(suite.p.take()).toEqual([`bob-1 #${incident.number}`]);
  });

  it('refuses: nobody on call, resolved incidents, unknown or deactivated users, and both or neither target', async () => {
    const { ada, bob, cy, incident } = await runningIncident();
    const future = await suite.t.request('POST', '/api/v1/schedules', {
      cookie: suite.p.admin.cookie,
      body: { name: 'next year', timeZone: 'UTC', layers: [{ users: [cy.user.id], startDate: '2099-01-01', handoffTime: '09:00', shift: { length: 1, unit: 'weeks' } }] },
    });
    expect(expectApiError(await addResponders(incident.id, ada.cookie, { scheduleId: future.json.id }), 400).message).toBe('nobody is on call for next year now');
    expect(expectApiError(await addResponders(incident.id, ada.cookie, { userId: 'nobody' }), 400).message).toContain('userId');
    expectApiError(await addResponders(incident.id, ada.cookie, { userId: bob.user.id, scheduleId: future.json.id }), 400);
    expectApiError(await addResponders(incident.id, ada.cookie, {}), 400);
    await suite.t.request('PATCH', `/api/v1/users/${bob.user.id}`, { cookie: suite.p.admin.cookie, body: { active: false } });
    expect(expectApiError(await addResponders(incident.id, ada.cookie, { userId: bob.user.id }), 400).message).toMatch(/bob is deactivated/);
    await suite.t.request('POST', `/api/v1/incidents/${incident.id}/resolve`, { cookie: ada.cookie });
    expectApiError(await addResponders(incident.id, ada.cookie, { userId: cy.user.id }), 409);
    await suite.t.engine.runOnce();
    expect(suite.p.take()).toEqual([]);
    expect(await events(incident.id, 'responders_added')).toEqual([]);
  });

  it('a replay with the same Idempotency-Key pages once', async () => {
    const { ada, dan, incident } = await runningIncident();
    const first = await addResponders(incident.id, ada.cookie, { userId: dan.user.id }, 'add-key-1');
    const again = await addResponders(incident.id, ada.cookie, { userId: dan.user.id }, 'add-key-1');
    expect(again.status).toBe(200);
    expect(again.json.timeline).toEqual(first.json.timeline);
    await suite.t.engine.runOnce();
    expect(suite.p.take()).toEqual([`dan-1 #${incident.number}`]);
    expect(await events(incident.id, 'responders_added')).toHaveLength(1);
  });
});

describe('POST /api/v1/incidents/:id/checklist', { timeout: 30_000 }, () => {
  const tick = (incidentId: string, cookie: string, body: unknown, key?: string) =>
    suite.t.request('POST', `/api/v1/incidents/${incidentId}/checklist`, { cookie, body, headers: key ? { 'Idempotency-Key': key } : {} });

  it('ticks and unticks items per incident, recording each change once', async () => {
    const { ada, incident } = await runningIncident();
    const ticked = await tick(incident.id, ada.cookie, { role: 'commander', item: 'size-up', done: true }, 'tick-1');
    expect(ticked.status).toBe(200);
    expect(ticked.json.checklist).toEqual(['commander:size-up']);
    expect((await tick(incident.id, ada.cookie, { role: 'commander', item: 'size-up', done: true }, 'tick-1')).json.checklist).toEqual(['commander:size-up']);
    await tick(incident.id, ada.cookie, { role: 'commander', item: 'size-up', done: true });
    await tick(incident.id, ada.cookie, { role: 'scribe', item: 'capture-decisions', done: true });
    const unticked = await tick(incident.id, ada.cookie, { role: 'commander', item: 'size-up', done: false });
    expect(unticked.json.checklist).toEqual(['scribe:capture-decisions']);
    expect((await events(incident.id, 'checklist_ticked')).map((event) => event.data)).toEqual([
      { role: 'commander', item: 'size-up', label: 'Size up the situation', done: true },
      { role: 'scribe', item: 'capture-decisions', label: 'Capture decisions and actions', done: true },
      { role: 'commander', item: 'size-up', label: 'Size up the situation', done: false },
    ]);
  });

  it('refuses unknown roles and items', async () => {
    const { ada, incident } = await runningIncident();
    expect(expectApiError(await tick(incident.id, ada.cookie, { role: 'boss', item: 'size-up', done: true }), 400).message).toContain('role');
    expect(expectApiError(await tick(incident.id, ada.cookie, { role: 'scribe', item: 'size-up', done: true }), 400).message).toContain('item');
    expectApiError(await tick(incident.id, ada.cookie, { role: 'scribe', item: 'capture-decisions' }), 400);
    expect(await events(incident.id, 'checklist_ticked')).toEqual([]);
  });
});
