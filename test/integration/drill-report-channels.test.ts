import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHttpReceiver, type HttpReceiver } from '../helpers/http-receiver';
import { pagingFixture, type PagingFixture } from '../helpers/paging';
import { startPushEndpoint, type PushEndpoint } from '../helpers/push-endpoint';
import { createTestApp, type TestApp } from '../helpers/test-app';

// The scorecard's delivery figures for pages sent to contact methods: a real HTTP receiver plays ntfy.

let push: PushEndpoint;
let receiver: HttpReceiver;
let t: TestApp;
let p: PagingFixture;

beforeAll(async () => {
  [push, receiver] = await Promise.all([startPushEndpoint(), startHttpReceiver()]);
});
afterAll(async () => {
  await Promise.all([push.close(), receiver.close()]);
});
beforeEach(async () => {
  t = await createTestApp({ pushAllowedHosts: [push.host], pushAgent: push.agent, outgoingAllowedHosts: [receiver.allowedHost] });
  p = await pagingFixture(t, push);
  receiver.received.length = 0;
});
afterEach(() => t.close());

async function ok(method: string, path: string, cookie: string, body?: unknown) {
  const res = await t.request(method, path, { cookie, body });
  if (res.status !== 200 && res.status !== 201) throw new Error(`unexpected ${res.status} for ${method} ${path}: ${res.text}`);
  return res.json;
}

/** A responder paged only through ntfy (no phone), on a one-step policy. */
async function ntfyResponder(name: string) {
  const responder = await p.responder(name, { devices: 0 });
  const topic = `drill-${name.toLowerCase()}-${t.unique()}`;
  const method = await ok('POST', '/api/v1/me/contact-methods', responder.cookie, { type: 'ntfy', serverUrl: receiver.origin, topic });
  await ok('PUT', '/api/v1/me/notification-rules', responder.cookie, [{ delaySeconds: 0, method: 'contact', contactMethodId: method.id }]);
  return { ...responder, topic };
}

describe('drill scorecard for contact methods', () => {
  it('counts a page delivered by ntfy as delivered, and names the ntfy topic that refused one as a page to fix', async () => {
    const bo = await ntfyResponder('Bo');
    const di = await ntfyResponder('Di');
    const policy = await p.policy([{ delaySeconds: 1800, targets: [{ type: 'user', id: bo.user.id }, { type: 'user', id: di.user.id }] }]);
    const service = await p.serviceWithPolicy(policy);
    const scenario = await ok('POST', '/api/v1/drills/scenarios', p.admin.cookie, { template: 'bad-deploy', serviceId: service.id });

    // Bo's ntfy takes the page; Di's answers 401, which is never retried.
    receiver.answerWith(200, 401);
    const drill = await ok('POST', '/api/v1/drills', p.admin.cookie, { scenarioId: scenario.id });
    await t.engine.runOnce();
    expect(receiver.received.map((req) => req.path).sort()).toEqual([`/${bo.topic}`, `/${di.topic}`].sort());
    const deliveredTo = receiver.received[0].path === `/${bo.topic}` ? bo : di;
    const refused = deliveredTo === bo ? di : bo;

    const report = await ok('GET', `/api/v1/drills/${drill.id}/report`, p.admin.cookie);
    const start = drill.startedAt;
    expect(report.timeToFirstPageDeliveredSeconds).toBe(0);
    expect(report.participants).toEqual(
      expect.arrayContaining([
        { userId: deliveredTo.user.id, name: deliveredTo.user.name, firstPagedAt: start, firstDeliveredAt: start, acknowledgedAfterSeconds: null },
        { userId: refused.user.id, name: refused.user.name, firstPagedAt: start, firstDeliveredAt: null, acknowledgedAfterSeconds: null },
      ]),
    );
    expect(report.participants).toHaveLength(2);
    expect(report.failedPages).toEqual([
      { userId: refused.user.id, name: refused.user.name, channel: 'ntfy', target: `${receiver.allowedHost} · ${refused.topic}`, error: 'ntfy answered 401' },
    ]);
  });
});
