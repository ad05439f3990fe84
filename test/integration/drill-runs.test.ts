import { describe, expect, it } from 'vitest';
import { usePagingSuite } from '../helpers/paging';

const suite = usePagingSuite();

async function ok(method: string, path: string, cookie: string, body?: unknown, expected = [200, 201]) {
  const res = await suite.t.request(method, path, { cookie, body });
  if (!expected.includes(res.status)) throw new Error(`unexpected ${res.status}: ${res.text}`);
  return res.json;
}

/** Ada is step 1, Bob step 2 (after 5 min); Cy is on no step. The scenario is the database outage template. */
async function setup() {
  const { p } = suite;
  const ada = await p.responder('ada');
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

describe('running a drill', () => {
  it('starts now: a drill incident pages the chain, marked DRILL, and injects arrive on time', async () => {
    const { p } = suite;
    const { scenario } = await setup();
    const drill = await ok('POST', '/api/v1/drills', p.admin.cookie, { scenarioId: scenario.id });
    expect(drill).toMatchObject({ status: 'running', injectsDone: 1, incidentId: expect.any(String) });
    await suite.t.engine.runOnce();
    const incident = await ok('GET', `/api/v1/incidents/${drill.incidentId}`, p.admin.cookie);
    expect(incident).toMatchObject({ drill: true, drillId: drill.id, title: scenario.title });
    expect(p.take()).toEqual([`ada-1 #${incident.number}`]);
    expect(p.lastPayloadTo('ada-1')).toMatchObject({ drill: true });
    await p.advance(120);
    const timeline = await p.timeline(drill.incidentId);
    expect(timeline.filter((e) => e.type === 'drill_inject').map((e) => e.data.text)).toEqual([scenario.injects[0].text, scenario.injects[1].text]);
  });

  it('with participants pages only them', async () => {
    const { p } = suite;
    const { scenario, cy } = await setup();
    const drill = await ok('POST', '/api/v1/drills', p.admin.cookie, { scenarioId: scenario.id, participants: [cy.user.id] });
    await suite.t.engine.runOnce();
    const incident = await ok('GET', `/api/v1/incidents/${drill.incidentId}`, p.admin.cookie);
    expect(p.take()).toEqual([`cy-1 #${incident.number}`]);
    const aborted = await ok('POST', `/api/v1/drills/${drill.id}/abort`, p.admin.cookie);
    expect(aborted.status).toBe('aborted');
    await p.advance(3600);
    expect(p.take()).toEqual([]);
  });
});
