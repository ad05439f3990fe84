import { execFile } from 'node:child_process';
import { request } from 'node:https';
import { promisify } from 'node:util';
import webpush from 'web-push';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkVapid, startPushEndpoint, type PushEndpoint } from '../helpers/push-endpoint';

// The local push service is what every delivery test trusts, so its own checks must be able to say no.

let endpoint: PushEndpoint;
beforeAll(async () => {
  endpoint = await startPushEndpoint();
});
afterAll(() => endpoint.close());

const keys = webpush.generateVAPIDKeys();
const subject = 'mailto:oncall@example.com';
const authorization = (audience: string, expiresAt?: number, publicKey = keys.publicKey) =>
  webpush.getVapidHeaders(audience, subject, publicKey, keys.privateKey, 'aes128gcm', expiresAt).Authorization;

describe('checkVapid', () => {
  const audience = 'https://127.0.0.1:8443';

  it('accepts what web-push signs', () => {
    const check = checkVapid(authorization(audience), audience);
    expect(check).toMatchObject({ valid: true, reason: null, audience, subject, publicKey: keys.publicKey });
  });

  it.each([
    ['another audience', () => authorization('https://fcm.googleapis.com'), /aud is https:\/\/fcm\.googleapis\.com/],
    ['an expired JWT', () => authorization(audience, Math.floor(Date.now() / 1000) - 10), /exp is missing or in the past/],
    ['a key that did not sign it', () => authorization(audience, undefined, webpush.generateVAPIDKeys().publicKey), /signature does not verify/],
    ['a changed claim', () => authorization(audience).replace(/\.([^.]+)\./, (_, claims) => `.${claims.slice(0, -2)}Z0.`), /signature|malformed/],
    ['no header', () => undefined, /no "vapid" Authorization header/],
    ['a bearer token', () => 'Bearer abc', /no "vapid" Authorization header/],
    ['no k=', () => authorization(audience).replace(/, k=.*/, ''), /lacks t= or k=/],
    ['garbage', () => 'vapid t=a.b.c, k=abc', /malformed|not an uncompressed/],
  ])('refuses %s', (_, header, reason) => {
    const check = checkVapid(header(), audience);
    expect(check.valid).toBe(false);
    expect(check.reason).toMatch(reason);
  });
});

describe('the local push service', () => {
  it('answers 403 to a bad VAPID JWT and records it, keeping the queued answer', async () => {
    const device = endpoint.newSubscription();
    endpoint.respondWith(device, { status: 410 });
    const status = await post(device.endpoint, { Authorization: authorization('https://wrong.example'), 'Content-Encoding': 'aes128gcm' });
    expect(status).toBe(403);
    const push = await endpoint.waitFor((p) => p.endpoint === device.endpoint);
    expect(push).toMatchObject({ status: 403, vapid: { valid: false, reason: expect.stringContaining('aud') } });

    const again = await post(device.endpoint, { Authorization: authorization(endpoint.origin) });
    expect(again).toBe(410);
  });

  it('answers 404 for a subscription it never issued', async () => {
    const status = await post(`${endpoint.origin}/push/unknown`, { Authorization: authorization(endpoint.origin) });
    expect(status).toBe(404);
    expect(endpoint.received.at(-1)).toMatchObject({ status: 404, payload: null, decryptError: 'unknown subscription' });
  });

  it('cannot decrypt a message encrypted for another device', async () => {
    const device = endpoint.newSubscription();
    const other = endpoint.newSubscription();
    const misdirected = { ...device, keys: other.keys };
    await webpush.sendNotification(misdirected, 'secret', { vapidDetails: { subject, ...keys }, agent: endpoint.agent });
    const push = await endpoint.waitFor((p) => p.endpoint === device.endpoint);
    expect(push.payload).toBeNull();
    expect(push.decryptError).toBeTruthy();
  });

  it('waitFor resolves for a message still to come and times out otherwise', async () => {
    const device = endpoint.newSubscription();
    const waiting = endpoint.waitFor((p) => p.endpoint === device.endpoint, 2000);
    await webpush.sendNotification(device, 'later', { vapidDetails: { subject, ...keys }, agent: endpoint.agent });
    expect((await waiting).payload).toBe('later');
    await expect(endpoint.waitFor(() => false, 50)).rejects.toThrow(/no matching push within 50 ms/);
  });

  it('refuses a queue for an endpoint it does not own', () => {
    expect(() => endpoint.respondWith('https://fcm.googleapis.com/fcm/send/x', { status: 500 })).toThrow(/not a subscription/);
  });

  it('is trusted by a child process through NODE_EXTRA_CA_CERTS', async () => {
    const device = endpoint.newSubscription('child');
    const script = `require('web-push').sendNotification(${JSON.stringify(device)}, 'from a child', { vapidDetails: ${JSON.stringify({ subject, ...keys })} })
      .then((r) => console.log(r.statusCode), (e) => { console.error(e.message); process.exit(1); })`;
    const run = (env: NodeJS.ProcessEnv) => promisify(execFile)(process.execPath, ['-e', script], { env });
    await expect(run({ ...process.env, NODE_EXTRA_CA_CERTS: undefined })).rejects.toThrow(/self[- ]signed/i);
    expect((await run({ ...process.env, NODE_EXTRA_CA_CERTS: endpoint.caFile })).stdout.trim()).toBe('201');
    expect((await endpoint.waitFor((p) => p.endpoint === device.endpoint)).payload).toBe('from a child');
  });
});

/** A raw POST, for requests web-push would never make. */
function post(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { TTL: '60', ...headers }, agent: endpoint.agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode!));
    });
    req.on('error', reject);
    req.end('x');
  });
}
