import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, expectApiError, type TestApp } from '../helpers/test-app';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const url = '/api/v1/me/notification-rules';
const push = (...delays: number[]) => delays.map((delaySeconds) => ({ delaySeconds, method: 'push' }));

describe('GET/PUT /api/v1/me/notification-rules', () => {
  it('starts at push now, after 60 s and after 180 s', async () => {
    const { cookie } = await t.signedInUser('responder');
    const res = await t.request('GET', url, { cookie });
    expect(res.status).toBe(200);
    expect(res.json).toEqual(push(0, 60, 180));
  });

  it('replaces my rules, kept in delay order, without touching anyone else', async () => {
    const me = await t.signedInUser('responder');
    const other = await t.signedInUser('responder');
    const put = await t.request('PUT', url, { cookie: me.cookie, body: push(300, 0, 30) });
    expect(put.status).toBe(200);
    expect(put.json).toEqual(push(0, 30, 300));
    expect((await t.request('GET', url, { cookie: me.cookie })).json).toEqual(push(0, 30, 300));
    expect((await t.request('GET', url, { cookie: other.cookie })).json).toEqual(push(0, 60, 180));

    // A second replace is whole, not a merge.
    expect((await t.request('PUT', url, { cookie: me.cookie, body: push(10) })).json).toEqual(push(10));
    expect((await t.request('GET', url, { cookie: me.cookie })).json).toEqual(push(10));
  });

  it('also takes the rules wrapped as { rules }', async () => {
    const { cookie } = await t.signedInUser('responder');
    expect((await t.request('PUT', url, { cookie, body: { rules: push(0, 120) } })).json).toEqual(push(0, 120));
  });

  it('lets every signed-in role keep rules, and refuses the anonymous', async () => {
    for (const role of ['viewer', 'admin'] as const) {
      const { cookie } = await t.signedInUser(role);
      expect((await t.request('PUT', url, { cookie, body: push(5) })).status).toBe(200);
    }
    expectApiError(await t.request('GET', url), 401, 'unauthorized');
    expectApiError(await t.request('PUT', url, { body: push(0) }), 401, 'unauthorized');
  });

  const invalid: Array<[string, unknown, string]> = [
    ['no rules', [], 'body'],
    ['a negative delay', push(-1), '0.delaySeconds'],
    ['a delay over an hour', push(0, 3601), '1.delaySeconds'],
    ['a fractional delay', push(0.5), '0.delaySeconds'],
    ['an SMS rule', [{ delaySeconds: 0, method: 'sms' }], '0.method'],
    ['a rule without a method', [{ delaySeconds: 0 }], '0.method'],
    ['the same delay twice', push(60, 60), 'each channel may appear once per delay'],
    ['a contact rule without its method', [{ delaySeconds: 0, method: 'contact' }], '0.contactMethodId: is required when method is contact'],
    ['a push rule naming a contact method', [{ delaySeconds: 0, method: 'push', contactMethodId: 'cm-1' }], '0.contactMethodId: is only for method contact'],
    ['eleven rules', push(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 'body'],
    ['null', null, 'body'],
    ['a bare object', { delaySeconds: 0, method: 'push' }, 'body'],
  ];

  it.each(invalid)('refuses %s with 400 and keeps the old rules', async (_, body, mention) => {
    const { cookie } = await t.signedInUser('responder');
    await t.request('PUT', url, { cookie, body: push(0, 90) });
    const error = expectApiError(await t.request('PUT', url, { cookie, body }), 400, 'bad_request');
    expect(error.message).toContain(mention);
    expect((await t.request('GET', url, { cookie })).json).toEqual(push(0, 90));
  });

  it('refuses malformed JSON with the one error shape', async () => {
    const { cookie } = await t.signedInUser('responder');
    expectApiError(await t.request('PUT', url, { cookie, rawBody: '[{"delaySeconds":' }), 400);
  });
});
