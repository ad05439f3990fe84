import { createECDH, randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pagingFixture } from '../helpers/paging';
import { startPushEndpoint, type LocalSubscription, type PushEndpoint } from '../helpers/push-endpoint';
import { createTestApp, expectApiError, type TestApp } from '../helpers/test-app';

let push: PushEndpoint;
let t: TestApp;

beforeAll(async () => {
  push = await startPushEndpoint();
});
afterAll(() => push.close());
beforeEach(async () => {
  t = await createTestApp({ pushAllowedHosts: [push.host], pushAgent: push.agent });
});
afterEach(() => t.close());

const url = '/api/v1/push/subscriptions';

async function register(cookie: string, subscription: LocalSubscription, label?: string) {
  const res = await t.request('POST', url, { cookie, body: { ...subscription, label } });
  expect(res.status, res.text).toBe(201);
  return res.json as { id: string; label: string | null };
}

const myDevices = async (cookie: string) => (await t.request('GET', url, { cookie })).json.items as Array<{ id: string; label: string | null }>;

describe('GET /api/v1/push/vapid-public-key', () => {
  it('gives the uncompressed P-256 key that signs every push', async () => {
    const { cookie } = await t.signedInUser('viewer');
    const res = await t.request('GET', '/api/v1/push/vapid-public-key', { cookie });
    expect(res.status).toBe(200);
    const key = Buffer.from(res.json.publicKey, 'base64url');
    expect([key.length, key[0]]).toEqual([65, 0x04]);

    await register(cookie, push.newSubscription('phone'));
    await t.request('POST', '/api/v1/push/test', { cookie });
    expect(push.received.at(-1)?.vapid).toMatchObject({ valid: true, publicKey: res.json.publicKey });
  });
});

describe('registering devices', () => {
  it('registers a device for the caller without echoing its endpoint or keys', async () => {
    const { cookie } = await t.signedInUser('responder');
    const res = await t.request('POST', url, { cookie, body: { ...push.newSubscription(), expirationTime: null, label: 'Pixel 8' } });
    expect(res.status).toBe(201);
    expect(res.json).toEqual({
      id: expect.any(String),
      label: 'Pixel 8',
      endpointHost: new URL(push.origin).host,
      createdAt: t.clock.now().toISOString(),
      lastSuccessAt: null,
      lastFailureAt: null,
    });
    expect(await myDevices(cookie)).toEqual([res.json]);
  });

  it('upserts by endpoint: registering the same endpoint again updates that device', async () => {
    const { cookie } = await t.signedInUser('responder');
    const subscription = push.newSubscription();
    const first = await register(cookie, subscription, 'old name');
    const again = await register(cookie, subscription, 'new name');
    expect(again.id).toBe(first.id);
    expect((await myDevices(cookie)).map((device) => device.label)).toEqual(['new name']);
  });

  it('moves an endpoint registered again by someone else to them (a phone changing hands)', async () => {
    const ada = await t.signedInUser('responder');
    const bob = await t.signedInUser('responder');
    const subscription = push.newSubscription();
    await register(ada.cookie, subscription, 'shared phone');
    await register(bob.cookie, subscription, 'shared phone');
    expect(await myDevices(ada.cookie)).toEqual([]);
    expect(await myDevices(bob.cookie)).toHaveLength(1);
  });

  it('lists only my devices and deletes only mine', async () => {
    const ada = await t.signedInUser('responder');
    const bob = await t.signedInUser('viewer');
    const adas = await register(ada.cookie, push.newSubscription(), 'ada phone');
    await register(bob.cookie, push.newSubscription(), 'bob phone');
    expect((await myDevices(ada.cookie)).map((device) => device.label)).toEqual(['ada phone']);

    expectApiError(await t.request('DELETE', `${url}/${adas.id}`, { cookie: bob.cookie }), 404, 'not_found');
    expect(await myDevices(ada.cookie)).toHaveLength(1);
    expect((await t.request('DELETE', `${url}/${adas.id}`, { cookie: ada.cookie })).status).toBe(204);
    expect(await myDevices(ada.cookie)).toEqual([]);
    expectApiError(await t.request('DELETE', `${url}/${adas.id}`, { cookie: ada.cookie }), 404, 'not_found');
    expect(await myDevices(bob.cookie)).toHaveLength(1);
  });

  it('removes a device that pages have already gone to', async () => {
    const paging = await pagingFixture(t, push);
    const ada = await paging.responder('ada');
    const policy = await paging.policy([{ delaySeconds: 300, targets: [{ type: 'user', id: ada.user.id }] }]);
    const incident = await paging.trigger((await paging.serviceWithPolicy(policy)).id);
    expect(paging.take()).toEqual([`ada-1 #${incident.number}`]);
    expect((await t.request('DELETE', `${url}/${ada.subscriptions[0].id}`, { cookie: ada.cookie })).status).toBe(204);
    expect(await myDevices(ada.cookie)).toEqual([]);
  });

  it('refuses the anonymous', async () => {
    expectApiError(await t.request('GET', url), 401, 'unauthorized');
    expectApiError(await t.request('POST', url, { body: push.newSubscription() }), 401, 'unauthorized');
    expectApiError(await t.request('POST', '/api/v1/push/test'), 401, 'unauthorized');
  });
});

describe('hostile subscriptions', () => {
  const keys = () => push.newSubscription().keys;
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();

  const invalid: Array<[string, () => Record<string, unknown>, string]> = [
    ['an http endpoint', () => ({ endpoint: 'http://fcm.googleapis.com/fcm/send/x', keys: keys() }), 'endpoint'],
    ['an internal address', () => ({ endpoint: 'https://10.0.0.1/push/x', keys: keys() }), 'endpoint'],
    ['localhost', () => ({ endpoint: 'https://localhost/push/x', keys: keys() }), 'endpoint'],
    ['a metadata address', () => ({ endpoint: 'https://169.254.169.254/latest/meta-data', keys: keys() }), 'endpoint'],
    ['a look-alike push host', () => ({ endpoint: 'https://fcm.googleapis.com.evil.example/x', keys: keys() }), 'endpoint'],
    ['credentials in the endpoint', () => ({ endpoint: 'https://fcm.googleapis.com@10.0.0.1/x', keys: keys() }), 'endpoint'],
    ['an endpoint that is no URL', () => ({ endpoint: 'not a url', keys: keys() }), 'endpoint'],
    ['a 3000-character endpoint', () => ({ endpoint: `https://fcm.googleapis.com/${'a'.repeat(3000)}`, keys: keys() }), 'endpoint'],
    ['no keys', () => ({ endpoint: 'https://fcm.googleapis.com/fcm/send/x' }), 'keys'],
    ['a p256dh that is not base64url', () => ({ endpoint: 'https://fcm.googleapis.com/fcm/send/x', keys: { ...keys(), p256dh: '!!!not-base64!!!' } }), 'keys.p256dh'],
    ['a compressed p256dh', () => ({ endpoint: 'https://fcm.googleapis.com/fcm/send/x', keys: { ...keys(), p256dh: ecdh.getPublicKey('base64url', 'compressed') } }), 'keys.p256dh'],
    ['a p256dh off the curve', () => ({ endpoint: 'https://fcm.googleapis.com/fcm/send/x', keys: { ...keys(), p256dh: Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 1)]).toString('base64url') } }), 'keys.p256dh'],
    ['a 15-byte auth', () => ({ endpoint: 'https://fcm.googleapis.com/fcm/send/x', keys: { ...keys(), auth: randomBytes(15).toString('base64url') } }), 'keys.auth'],
    ['a blank label', () => ({ endpoint: 'https://fcm.googleapis.com/fcm/send/x', keys: keys(), label: ' ' }), 'label'],
  ];

  it.each(invalid)('refuses %s with 400 naming the field', async (_, body, field) => {
    const { cookie } = await t.signedInUser('responder');
    const error = expectApiError(await t.request('POST', url, { cookie, body: body() }), 400, 'bad_request');
    expect(error.message).toContain(field);
    expect(await myDevices(cookie)).toEqual([]);
  });

  it('accepts the browsers’ push services, but a local endpoint only when allowed', async () => {
    const { cookie } = await t.signedInUser('responder');
    for (const endpoint of ['https://fcm.googleapis.com/fcm/send/abc', 'https://updates.push.services.mozilla.com/wpush/v2/abc', 'https://web.push.apple.com/abc']) {
      expect((await t.request('POST', url, { cookie, body: { endpoint, keys: keys() } })).status).toBe(201);
    }
    const strict = await createTestApp();
    try {
      const other = await strict.signedInUser('responder');
      const error = expectApiError(await strict.request('POST', url, { cookie: other.cookie, body: push.newSubscription() }), 400, 'bad_request');
      expect(error.message).toContain('MUSTER_PUSH_ALLOWED_HOSTS');
    } finally {
      await strict.close();
    }
  });
});

describe('POST /api/v1/push/test', () => {
  it('sends a test page to each of my devices and reports each result, removing a gone (410) device', async () => {
    const ada = await t.signedInUser('responder');
    const bob = await t.signedInUser('responder');
    const phone = push.newSubscription('phone');
    const tablet = push.newSubscription('tablet');
    const phoneDevice = await register(ada.cookie, phone, 'phone');
    const tabletDevice = await register(ada.cookie, tablet, 'tablet');
    await register(bob.cookie, push.newSubscription('bob'), 'bob');
    push.respondWith(tablet, { status: 410 });
    const before = push.received.length;

    const res = await t.request('POST', '/api/v1/push/test', { cookie: ada.cookie });
    expect(res.status).toBe(200);
    expect(res.json.results).toEqual([
      { deviceId: phoneDevice.id, device: 'phone', outcome: 'delivered' },
      { deviceId: tabletDevice.id, device: 'tablet', outcome: 'gone' },
    ]);

    const sent = push.received.slice(before);
    expect(sent.map((message) => message.label).sort()).toEqual(['phone', 'tablet']);
    const delivered = sent.find((message) => message.label === 'phone')!;
    expect(delivered.headers).toMatchObject({ urgency: 'high', contentEncoding: 'aes128gcm' });
    expect(JSON.parse(delivered.payload!)).toMatchObject({ type: 'test', title: expect.any(String), sentAt: t.clock.now().toISOString() });

    const devices = await t.request('GET', url, { cookie: ada.cookie });
    expect(devices.json.items).toEqual([expect.objectContaining({ id: phoneDevice.id, lastSuccessAt: t.clock.now().toISOString(), lastFailureAt: null })]);
  });

  it('records a failing device without removing it', async () => {
    const { cookie } = await t.signedInUser('responder');
    const phone = push.newSubscription('phone');
    const device = await register(cookie, phone, 'phone');
    push.respondWith(phone, { status: 400 });
    const res = await t.request('POST', '/api/v1/push/test', { cookie });
    expect(res.json.results).toEqual([{ deviceId: device.id, device: 'phone', outcome: 'rejected', error: expect.any(String) }]);
    expect(await myDevices(cookie)).toEqual([expect.objectContaining({ id: device.id, lastFailureAt: t.clock.now().toISOString() })]);
  });

  it('reports nothing when I have no devices', async () => {
    const { cookie } = await t.signedInUser('viewer');
    const before = push.received.length;
    expect((await t.request('POST', '/api/v1/push/test', { cookie })).json).toEqual({ results: [] });
    expect(push.received.length).toBe(before);
  });
});
