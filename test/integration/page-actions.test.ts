import { describe, expect, it } from 'vitest';
import { usePagingSuite } from '../helpers/paging';
import { expectApiError } from '../helpers/test-app';

const suite = usePagingSuite();

/** Pages ada for two incidents and returns the token each page carried. */
async function pagedTwice() {
  const ada = await suite.p.responder('ada');
  const policy = await suite.p.policy([{ delaySeconds: 300, targets: [{ type: 'user', id: ada.user.id }] }]);
  const service = await suite.p.serviceWithPolicy(policy);
  const first = await suite.p.trigger(service.id);
  const firstToken = suite.p.lastPayloadTo('ada-1').ackToken;
  const second = await suite.p.trigger(service.id);
  return { ada, first, firstToken, second, secondToken: suite.p.lastPayloadTo('ada-1').ackToken };
}

async function acknowledgements(incidentId: string) {
  return (await suite.p.timeline(incidentId)).filter((event) => event.type === 'acknowledged');
}

describe('POST /api/v1/page-actions/acknowledge', () => {
  it('acknowledges as the paged user with no session, and stops the paging', async () => {
    const { ada, first, firstToken } = await pagedTwice();
    const res = await suite.t.request('POST', '/api/v1/page-actions/acknowledge', { body: { token: firstToken, incidentId: first.id } });
    expect(res.status).toBe(200);
    expect(res.json.status).toBe('acknowledged');
    const acks = await acknowledgements(first.id);
    expect(acks).toHaveLength(1);
    expect(acks[0]).toMatchObject({ actor: { type: 'user', id: ada.user.id, name: 'ada' } });
    suite.p.take();
    await suite.p.advance(3600);
    expect(suite.p.take()).toEqual([]);
  });

  it('answers a resent acknowledge by the same user (a lost reply) with 200 and records nothing more', async () => {
    const { first, firstToken } = await pagedTwice();
    await suite.t.request('POST', '/api/v1/page-actions/acknowledge', { body: { token: firstToken } });
    const again = await suite.t.request('POST', '/api/v1/page-actions/acknowledge', { body: { token: firstToken } });
    expect(again.status).toBe(200);
    expect(again.json.status).toBe('acknowledged');
    expect(await acknowledgements(first.id)).toHaveLength(1);
  });

  it('refuses with 409 when someone else acknowledged first, or the incident is resolved', async () => {
    const { first, firstToken, second, secondToken } = await pagedTwice();
    await suite.t.request('POST', `/api/v1/incidents/${first.id}/acknowledge`, { cookie: suite.p.admin.cookie });
    expectApiError(await suite.t.request('POST', '/api/v1/page-actions/acknowledge', { body: { token: firstToken } }), 409);
    expect(await acknowledgements(first.id)).toHaveLength(1);
    await suite.t.request('POST', `/api/v1/incidents/${second.id}/resolve`, { cookie: suite.p.admin.cookie });
    expectApiError(await suite.t.request('POST', '/api/v1/page-actions/acknowledge', { body: { token: secondToken } }), 409);
    expect(await acknowledgements(second.id)).toEqual([]);
  });

  it('refuses forged, expired and other-incident tokens without acknowledging', async () => {
    const { first, firstToken, second } = await pagedTwice();
    const [body, signature] = firstToken.split('.');
    const forged = `${body}.${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
    expectApiError(await suite.t.request('POST', '/api/v1/page-actions/acknowledge', { body: { token: forged } }), 401, 'invalid_page_token');
    expectApiError(await suite.t.request('POST', '/api/v1/page-actions/acknowledge', { body: { token: 'garbage' } }), 401);
    expectApiError(await suite.t.request('POST', '/api/v1/page-actions/acknowledge', { body: { token: firstToken, incidentId: second.id } }), 403);
    suite.t.clock.advance(24 * 3600_000);
    expectApiError(await suite.t.request('POST', '/api/v1/page-actions/acknowledge', { body: { token: firstToken } }), 401);
    expect(await acknowledgements(first.id)).toEqual([]);
    expect(await acknowledgements(second.id)).toEqual([]);
    suite.p.take();
  });

  it('refuses the token of a user deactivated since the page', async () => {
    const { ada, first, firstToken } = await pagedTwice();
    await suite.t.request('PATCH', `/api/v1/users/${ada.user.id}`, { cookie: suite.p.admin.cookie, body: { active: false } });
    expectApiError(await suite.t.request('POST', '/api/v1/page-actions/acknowledge', { body: { token: firstToken } }), 403);
    expect(await acknowledgements(first.id)).toEqual([]);
    suite.p.take();
  });

  it('refuses with 403 the token of a user demoted to viewer since the page, and the incident stays unacknowledged', async () => {
    const { ada, first, firstToken } = await pagedTwice();
    expect((await suite.t.request('PATCH', `/api/v1/users/${ada.user.id}`, { cookie: suite.p.admin.cookie, body: { role: 'viewer' } })).status).toBe(200);
    const refused = expectApiError(await suite.t.request('POST', '/api/v1/page-actions/acknowledge', { body: { token: firstToken, incidentId: first.id } }), 403, 'forbidden');
    expect(refused.message).toContain('viewer');
    expect(await acknowledgements(first.id)).toEqual([]);
    expect((await suite.t.request('GET', `/api/v1/incidents/${first.id}`, { cookie: suite.p.admin.cookie })).json.status).toBe('triggered');
    suite.p.take();
  });
});
