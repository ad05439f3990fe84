import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PagePayload } from '../../shared/api/push';
import { encodePushPayload, maxPayloadBytes, urgencyFor } from '../../server/push/page-payload';
import { createPushSender, type PushSender } from '../../server/push/sender';
import { loadOrCreateVapidKeys, type VapidKeys } from '../../server/push/vapid';
import { maxPushBodyBytes, startPushEndpoint, type PushEndpoint } from '../helpers/push-endpoint';

let endpoint: PushEndpoint;
let vapid: VapidKeys;
let sender: PushSender;
let dataDir: string;
let allowedHosts: string[];

beforeAll(async () => {
  endpoint = await startPushEndpoint();
  allowedHosts = [endpoint.host];
  dataDir = mkdtempSync(join(tmpdir(), 'muster-push-data-'));
  vapid = loadOrCreateVapidKeys(dataDir, 'mailto:oncall@example.com');
  sender = createPushSender({ vapid, allowedHosts, agent: endpoint.agent });
});
afterAll(async () => {
  await endpoint.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const page: PagePayload = {
  type: 'page',
  incidentId: '0195a3c4-7e1f-7b2a-9c3d-4e5f6a7b8c9d',
  number: 17,
  title: 'Checkout is down',
  severity: 'SEV-1',
  service: 'checkout-api',
  drill: false,
  ackToken: 'v1.token',
  url: 'https://muster.example.com/incidents/17',
};
const options = { ttlSeconds: 300, urgency: 'high' } as const;

describe('delivery', () => {
  it('arrives encrypted for the device, with Urgency, TTL, Topic and a valid VAPID JWT', async () => {
    const device = endpoint.newSubscription('Pixel');
    const json = encodePushPayload(page);

    const outcome = await sender.send(device, json, { ttlSeconds: 542, urgency: urgencyFor('SEV-1'), topic: 'incident17' });

    expect(outcome).toEqual({ kind: 'delivered', status: 201 });
    const push = await endpoint.waitFor((p) => p.endpoint === device.endpoint);
    expect(push.decryptError).toBeNull();
    expect(JSON.parse(push.payload!)).toEqual(page);
    expect(push.headers).toEqual({ ttl: 542, urgency: 'high', topic: 'incident17', contentEncoding: 'aes128gcm' });
    expect(push.vapid).toMatchObject({ valid: true, reason: null, audience: endpoint.origin, subject: 'mailto:oncall@example.com', publicKey: vapid.publicKey });
    expect(push.vapid.expiresAt!.getTime()).toBeGreaterThan(Date.now());
  });

  it('sends a SEV-3 page with normal urgency', async () => {
    const device = endpoint.newSubscription();
    await sender.send(device, encodePushPayload({ ...page, severity: 'SEV-3' }), { ttlSeconds: 60, urgency: urgencyFor('SEV-3') });
    const push = await endpoint.waitFor((p) => p.endpoint === device.endpoint);
    expect(push.headers).toMatchObject({ ttl: 60, urgency: 'normal', topic: null });
  });

  it('fits the largest page (a 4 KB multi-byte title) in 4096 bytes on the wire', async () => {
    const device = endpoint.newSubscription();
    const json = encodePushPayload({ ...page, title: '障害'.repeat(1000) });
    expect(Buffer.byteLength(json)).toBeGreaterThan(maxPayloadBytes - 3);

    expect(await sender.send(device, json, options)).toEqual({ kind: 'delivered', status: 201 });
    const push = await endpoint.waitFor((p) => p.endpoint === device.endpoint);
    expect(push.bodyBytes).toBeLessThanOrEqual(maxPushBodyBytes);
    expect(push.payload).toBe(json);
  });

  it('uses exactly the plaintext room a push service allows', async () => {
    const device = endpoint.newSubscription();
    expect(await sender.send(device, 'x'.repeat(maxPayloadBytes), options)).toEqual({ kind: 'delivered', status: 201 });
    expect(await sender.send(device, 'x'.repeat(maxPayloadBytes + 1), options)).toMatchObject({ kind: 'rejected', status: 413 });
  });
});

describe('the VAPID JWT', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('is signed once per push service origin, reused for an hour, then renewed', async () => {
    // Only Date is faked: the sender and the endpoint both read the wall clock, sockets keep real timers.
    const start = Date.now();
    vi.useFakeTimers({ toFake: ['Date'], now: start });
    const fresh = createPushSender({ vapid, allowedHosts, agent: endpoint.agent });
    const device = endpoint.newSubscription();
    const expiry = async () => {
      expect(await fresh.send(device, '{}', options)).toEqual({ kind: 'delivered', status: 201 });
      const push = endpoint.received.at(-1)!;
      expect(push.vapid.valid).toBe(true);
      return push.vapid.expiresAt!.getTime();
    };

    const first = await expiry();
    expect(first).toBe(Math.floor(start / 1000) * 1000 + 12 * 3600_000);
    vi.setSystemTime(start + 59 * 60_000);
    expect(await expiry()).toBe(first);
    vi.setSystemTime(start + 61 * 60_000);
    expect(await expiry()).toBe(Math.floor((start + 61 * 60_000) / 1000) * 1000 + 12 * 3600_000);
  });
});

describe('answers from the push service', () => {
  it.each([404, 410])('%d means the subscription is gone', async (status) => {
    const device = endpoint.newSubscription();
    endpoint.respondWith(device, { status });
    expect(await sender.send(device, '{}', options)).toEqual({ kind: 'gone', status });
  });

  it.each([
    ['2', 2000],
    [undefined, 60_000],
  ])('429 with Retry-After %j means wait %d ms', async (retryAfter, retryAfterMs) => {
    const device = endpoint.newSubscription();
    endpoint.respondWith(device, { status: 429, retryAfter });
    expect(await sender.send(device, '{}', options)).toEqual({ kind: 'rate_limited', status: 429, retryAfterMs });
  });

  it('429 with an HTTP date means wait until then', async () => {
    const device = endpoint.newSubscription();
    endpoint.respondWith(device, { status: 429, retryAfter: new Date(Date.now() + 90_000).toUTCString() });
    const outcome = await sender.send(device, '{}', options);
    expect(outcome.kind).toBe('rate_limited');
    if (outcome.kind === 'rate_limited') expect(outcome.retryAfterMs).toBeGreaterThan(85_000);
    if (outcome.kind === 'rate_limited') expect(outcome.retryAfterMs).toBeLessThanOrEqual(90_000);
  });

  it('500 is worth retrying, and the next attempt gets through', async () => {
    const device = endpoint.newSubscription();
    endpoint.respondWith(device, { status: 500 });
    expect(await sender.send(device, '{}', options)).toMatchObject({ kind: 'retryable', status: 500, error: 'push service answered 500' });
    expect(await sender.send(device, '{}', options)).toEqual({ kind: 'delivered', status: 201 });
  });

  it('503 with Retry-After passes the delay on', async () => {
    const device = endpoint.newSubscription();
    endpoint.respondWith(device, { status: 503, retryAfter: '30' });
    expect(await sender.send(device, '{}', options)).toMatchObject({ kind: 'retryable', status: 503, retryAfterMs: 30_000 });
  });

  it.each([400, 403])('%d rejects the message without giving up on the device', async (status) => {
    const device = endpoint.newSubscription();
    endpoint.respondWith(device, { status });
    expect(await sender.send(device, '{}', options)).toMatchObject({ kind: 'rejected', status });
  });
});

describe('failures before an answer', () => {
  // Which of these happened would tell a user how the network looks from the server, so they all read the same.
  const unreachable = { kind: 'retryable', error: 'could not reach the push service' };

  it('a refused connection is worth retrying', async () => {
    const port = await closedPort();
    const device = { ...endpoint.newSubscription(), endpoint: `https://127.0.0.1:${port}/push/x` };
    const outcome = await createPushSender({ vapid, allowedHosts: [`127.0.0.1:${port}`], agent: endpoint.agent }).send(device, '{}', options);
    expect(outcome).toEqual(unreachable);
  });

  it('a push service that stops answering times out and is worth retrying', async () => {
    const device = endpoint.newSubscription();
    endpoint.respondWith(device, { status: 201, delayMs: 2000 });
    const impatient = createPushSender({ vapid, allowedHosts, agent: endpoint.agent, timeoutMs: 200 });
    const started = performance.now();
    expect(await impatient.send(device, '{}', options)).toEqual(unreachable);
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it('checks the certificate: without the test CA nothing is sent', async () => {
    const device = endpoint.newSubscription();
    const untrusting = createPushSender({ vapid, allowedHosts });
    const before = endpoint.received.length;
    expect(await untrusting.send(device, '{}', options)).toEqual(unreachable);
    expect(endpoint.received.length).toBe(before);
  });

  it('a p256dh that is not a point on the curve is rejected without a request', async () => {
    const device = endpoint.newSubscription();
    const broken = { ...device, keys: { ...device.keys, p256dh: Buffer.alloc(65, 4).toString('base64url') } };
    const before = endpoint.received.length;
    expect(await sender.send(broken, '{}', options)).toMatchObject({ kind: 'rejected', error: expect.stringMatching(/^cannot send: /) });
    expect(endpoint.received.length).toBe(before);
  });

  it('a topic web-push refuses is rejected without a request', async () => {
    const device = endpoint.newSubscription();
    const before = endpoint.received.length;
    expect(await sender.send(device, '{}', { ...options, topic: 'not a topic!' })).toMatchObject({ kind: 'rejected', error: expect.stringMatching(/^cannot send: .*Base64/) });
    expect(endpoint.received.length).toBe(before);
  });

  it('an endpoint the rules refuse is rejected without a request, even when it is already stored', async () => {
    const device = endpoint.newSubscription();
    const strict = createPushSender({ vapid, agent: endpoint.agent });
    const before = endpoint.received.length;
    expect(await strict.send(device, '{}', options)).toEqual({
      kind: 'rejected',
      error: expect.stringMatching(/^cannot send: the endpoint names the IP address 127\.0\.0\.1 .*MUSTER_PUSH_ALLOWED_HOSTS/),
    });
    expect(endpoint.received.length).toBe(before);
  });

  it('an agent with its own lookup is refused, since it would resolve names past the address guard', async () => {
    const device = endpoint.newSubscription();
    const bypassing = new Agent({ ca: endpoint.caPem, lookup: (_host, _options, callback) => callback(null, '127.0.0.1', 4) });
    const before = endpoint.received.length;
    try {
      expect(await createPushSender({ vapid, allowedHosts, agent: bypassing }).send(device, '{}', options)).toEqual({
        kind: 'rejected',
        error: 'cannot send: the agent sets lookup, which would bypass the checked destination',
      });
    } finally {
      bypassing.destroy();
    }
    expect(endpoint.received.length).toBe(before);
  });
});

/** A port nothing listens on: bind one, note it, close it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
