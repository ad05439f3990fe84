import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { usePagingSuite } from '../helpers/paging';

const suite = usePagingSuite();

afterEach(() => {
  expect(suite.p.take(), 'a page nobody expected').toEqual([]);
});

const raise = async (incidentId: string, severity: string) => {
  const res = await suite.t.request('PATCH', `/api/v1/incidents/${incidentId}`, { cookie: suite.p.admin.cookie, body: { severity } });
  expect(res.status).toBe(200);
};
// The push endpoint lives for the whole file: count only what this test received.
let seen = 0;
beforeEach(() => {
  seen = suite.push.received.length;
});
const urgencies = () => suite.push.received.slice(seen).map((push) => push.headers.urgency);

describe('Urgency follows the incident’s severity when the page is sent', () => {
  it('a re-page after raising SEV-3 → SEV-1 goes out with Urgency high', async () => {
    const ada = await suite.p.responder('ada', { repageDelays: [0, 60] });
    const policy = await suite.p.policy([{ delaySeconds: 900, targets: [{ type: 'user', id: ada.user.id }] }]);
    const incident = await suite.p.trigger((await suite.p.serviceWithPolicy(policy)).id, { severity: 'SEV-3' });
    expect(suite.p.take()).toEqual([`ada-1 #${incident.number}`]);
    await raise(incident.id, 'SEV-1');
    await suite.p.advance(60);
    expect(suite.p.take()).toEqual([`ada-1 #${incident.number}`]);
    expect(urgencies()).toEqual(['normal', 'high']);
  });

  it('a push retried after raising the severity goes out with Urgency high, not as queued', async () => {
    const ada = await suite.p.responder('ada');
    suite.push.respondWith(ada.subscriptions[0], { status: 500 });
    const policy = await suite.p.policy([{ delaySeconds: 900, targets: [{ type: 'user', id: ada.user.id }] }]);
    const incident = await suite.p.trigger((await suite.p.serviceWithPolicy(policy)).id, { severity: 'SEV-4' });
    expect(suite.p.take()).toEqual([`ada-1 #${incident.number}`]);
    await raise(incident.id, 'SEV-2');
    await suite.p.advance(60);
    expect(suite.p.take()).toEqual([`ada-1 #${incident.number}`]);
    expect(urgencies()).toEqual(['normal', 'high']);
  });

  it('lowering SEV-1 → SEV-3 makes the next re-page normal', async () => {
    const ada = await suite.p.responder('ada', { repageDelays: [0, 60] });
    const policy = await suite.p.policy([{ delaySeconds: 900, targets: [{ type: 'user', id: ada.user.id }] }]);
    const incident = await suite.p.trigger((await suite.p.serviceWithPolicy(policy)).id, { severity: 'SEV-1' });
    expect(suite.p.take()).toHaveLength(1);
    await raise(incident.id, 'SEV-3');
    await suite.p.advance(60);
    expect(suite.p.take()).toHaveLength(1);
    expect(urgencies()).toEqual(['high', 'normal']);
  });
});
