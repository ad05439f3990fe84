import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pagingFixture } from '../helpers/paging';
import { startPushEndpoint, type PushEndpoint } from '../helpers/push-endpoint';
import { createTestApp, expectApiError, type TestApp } from '../helpers/test-app';

let push: PushEndpoint;
let t: TestApp;
let p: Awaited<ReturnType<typeof pagingFixture>>;

beforeAll(async () => {
  push = await startPushEndpoint();
});
afterAll(() => push.close());
beforeEach(async () => {
  t = createTestApp({ pushAllowedHosts: ['127.0.0.1'], pushAgent: push.agent });
  p = await pagingFixture(t, push);
});
afterEach(() => t.close());

/** Pages ada for two incidents and returns the token each page carried. */
async function pagedTwice() {
  const ada = await p.responder('ada');
  const policy = await p.policy([{ delaySeconds: 300, targets: [{ type: 'user', id: ada.user.id }] }]);
  const service = await p.serviceWithPolicy(policy);
  const first = await p.trigger(service.id);
  const firstToken = p.lastPayloadTo('ada-1').ackToken;
  const second = await p.trigger(service.id);
  return { ada, first, firstToken, second, secondToken: p.lastPayloadTo('ada-1').ackToken };
}

async function acknowledgements(incidentId: string) {
  return (await p.timeline(incidentId)).filter((event) => event.type === 'acknowledged');
}

describe('POST /api/v1/page-actions/acknowledge', () => {
  it('acknowledges as the paged user with no session, and stops the paging', async () => {
    const { ada, first, firstToken } = await pagedTwice();
    const res = await t.request('POST', '/api/v1/page-actions/acknowledge', { body: { token: firstToken, incidentId: first.id } });
    expect(res.status).toBe(200);
    expect(res.json.status).toBe('acknowledged');
    const acks = await acknowledgements(first.id);
    expect(acks).toHaveLength(1);
    expect(acks[0]).toMatchObject({ actor: { type: 'user', id: ada.user.id, name: 'ada' } });
    p.take();
    await p.advance(3600);
    expect(p.take()).toEqual([]);
  });

  it('answers a resent acknowledge by the same user (a lost reply) with 200 and records nothing more', async () => {
    const { first, firstToken } = await pagedTwice();
    await t.request('POST', '/api/v1/page-actions/acknowledge', { body: { token: firstToken } });
    const again = await t.request('POST', '/api/v1/page-actions/acknowledge', { body: { token: firstToken } });
    expect(again.status).toBe(200);
    expect(again.json.status).toBe('acknowledged');
    expect(await acknowledgements(first.id)).toHaveLength(1);
  });

  it('refuses with 409 when someone else acknowledged first, or the incident is resolved', async () => {
    const { first, firstToken, second, secondToken } = await pagedTwice();
    await t.request('POST', `/api/v1/incidents/${first.id}/acknowledge`, { cookie: p.admin.cookie });
    expectApiError(await t.request('POST', '/api/v1/page-actions/acknowledge', { body: { token: firstToken } }), 409);
    expect(await acknowledgements(first.id)).toHaveLength(1);
    await t.request('POST', `/api/v1/incidents/${second.id}/resolve`, { cookie: p.admin.cookie });
    expectApiError(await t.request('POST', '/api/v1/page-actions/acknowledge', { body: { token: secondToken } }), 409);
    expect(await acknowledgements(second.id)).toEqual([]);
  });

  it('refuses forged, expired and other-incident tokens without acknowledging', async () => {
    const { first, firstToken, second } = await pagedTwice();
    const [body, signature] = firstToken.split('.');
    const forged = `${body}.${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
    expectApiError(await t.request('POST', '/api/v1/page-actions/acknowledge', { body: { token: forged } }), 401, 'invalid_page_token');
    expectApiError(await t.request('POST', '/api/v1/page-actions/acknowledge', { body: { token: 'garbage' } }), 401);
    expectApiError(await t.request('POST', '/api/v1/page-actions/acknowledge', { body: { token: firstToken, incidentId: second.id } }), 403);
    t.clock.advance(24 * 3600_000);
    expectApiError(await t.request('POST', '/api/v1/page-actions/acknowledge', { body: { token: firstToken } }), 401);
    expect(await acknowledgements(first.id)).toEqual([]);
    expect(await acknowledgements(second.id)).toEqual([]);
    p.take();
  });

  it('refuses the token of a user deactivated since the page', async () => {
    const { ada, first, firstToken } = await pagedTwice();
    await t.request('PATCH', `/api/v1/users/${ada.user.id}`, { cookie: p.admin.cookie, body: { active: false } });
    expectApiError(await t.request('POST', '/api/v1/page-actions/acknowledge', { body: { token: firstToken } }), 403);
    expect(await acknowledgements(first.id)).toEqual([]);
    p.take();
  });
});
