import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer as createHttpServer, type Server } from 'node:http';
import { Agent, createServer as createHttpsServer } from 'node:https';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertSubscription } from '../../server/db/stores/push-subscriptions';
import { maxDeliveryAttempts } from '../../server/push/retry-policy';
import { makeLoopbackCertificate } from '../helpers/certificate';
import { pagingFixture, usePagingSuite } from '../helpers/paging';
import { createTestApp, expectApiError, type TestApp } from '../helpers/test-app';

// Issue 7 §1: any signed-in user (even a viewer) could make Muster open connections into its own network with an
// endpoint that WHATWG URL and web-push's url.parse read differently, and /push/test echoed the connection error.
// Everything here goes through the HTTP API, as an attacker would send it.

const suite = usePagingSuite(); // allows 127.0.0.1, as the operator of a test install would
const subscriptions = '/api/v1/push/subscriptions';
const unreachable = 'could not reach the push service';

const subscribe = (t: TestApp, cookie: string, endpoint: string) =>
  t.request('POST', subscriptions, { cookie, body: { endpoint, keys: suite.push.newSubscription().keys } });
const testPage = async (t: TestApp, cookie: string) => (await t.request('POST', '/api/v1/push/test', { cookie })).json.results;

describe('subscribing with an endpoint that names another host than it seems to', () => {
  const smuggled: Array<[string, RegExp]> = [
    ['https://169.254.169.254;.fcm.googleapis.com/x', /^endpoint: has the host "169\.254\.169\.254;\.fcm\.googleapis\.com"; a host name may only hold/],
    ['https://127.0.0.1%2efcm.googleapis.com/x', /^endpoint: must be written in canonical form: it reads as https:\/\/127\.0\.0\.1\.fcm\.googleapis\.com\/x$/],
    ['https://10.0.0.1`x.push.apple.com/x', /^endpoint: has the host "10\.0\.0\.1`x\.push\.apple\.com"/],
    ['https://localhost{.fcm.googleapis.com/x', /^endpoint: has the host "localhost\{\.fcm\.googleapis\.com"/],
    ['https://FCM.googleapis.com/fcm/send/x', /canonical form: it reads as https:\/\/fcm\.googleapis\.com\/fcm\/send\/x/],
    ['https://fcm.googleapis.com./fcm/send/x', /has the host "fcm\.googleapis\.com\."/],
    ['https://fcm.googleapis.com:444/fcm/send/x', /port 444 is not allowed for fcm\.googleapis\.com/],
    ['https://fcm.googleapis.com:443/fcm/send/x', /canonical form/],
    ['https://user@fcm.googleapis.com/x', /must not contain a user name or password/],
    ['https://fcm.googleapis.com/x#frag', /must not contain a fragment/],
    ['https:\\\\fcm.googleapis.com\\x', /canonical form/],
    ['https://fcm.googleapis.com\\@127.0.0.1/x', /canonical form/],
    ['https://fcm.google\tapis.com/x', /canonical form/],
    ['https://fcm.googleapis.com/x\n', /canonical form/],
    ['https://[::ffff:127.0.0.1]/', /canonical form: it reads as https:\/\/\[::ffff:7f00:1\]\//],
    ['https://[::ffff:7f00:1]/x', /names the IP address \[::ffff:7f00:1\] .*MUSTER_PUSH_ALLOWED_HOSTS/],
    ['https://[::1]/x', /names the IP address \[::1\]/],
    ['https://169.254.169.254/latest/meta-data', /names the IP address 169\.254\.169\.254/],
    ['https://0x7f000001/', /canonical form: it reads as https:\/\/127\.0\.0\.1\//],
    ['https://2130706433/', /canonical form: it reads as https:\/\/127\.0\.0\.1\//],
    ['https://%66cm.googleapis.com/x', /canonical form/],
    ['https://fcm.googleapis.cöm/x', /canonical form: it reads as https:\/\/fcm\.googleapis\.xn--cm-fka\/x/],
    ['http://fcm.googleapis.com/fcm/send/x', /endpoint: must be an https:\/\/ URL/],
  ];

  it.each(smuggled)('refuses %j with 400 naming what is wrong', async (endpoint, reason) => {
    const { cookie } = await suite.t.signedInUser('viewer');
    const error = expectApiError(await subscribe(suite.t, cookie, endpoint), 400, 'bad_request');
    expect(error.message).toMatch(reason);
    expect((await suite.t.request('GET', subscriptions, { cookie })).json.items).toEqual([]);
  });

  it('still accepts an allowed host on any port, in canonical form', async () => {
    const { cookie } = await suite.t.signedInUser('viewer');
    expect((await subscribe(suite.t, cookie, suite.push.newSubscription().endpoint)).status).toBe(201);
  });
});

describe('sending checks the endpoint again', () => {
  it('does not send to a stored endpoint the rules refuse (a row from before they tightened)', async () => {
    // The app trusts the local push service's certificate, so before this fix the message went through.
    const strict = await createTestApp({ pushAgent: suite.push.agent });
    try {
      const { user, cookie } = await strict.signedInUser('viewer');
      const device = suite.push.newSubscription('stored');
      await upsertSubscription(strict.db, { userId: user.id, endpoint: device.endpoint, p256dh: device.keys.p256dh, auth: device.keys.auth, label: 'stored' }, strict.clock.now());
      const before = suite.push.received.length;
      const [result] = await testPage(strict, cookie);
      expect(result).toMatchObject({ outcome: 'rejected', error: expect.stringMatching(/^cannot send: the endpoint names the IP address 127\.0\.0\.1/) });
      expect(suite.push.received.length).toBe(before);
    } finally {
      await strict.close();
    }
  });
});

describe('an allowed name that resolves inward', () => {
  // The test certificate names 127.0.0.1 only; this agent accepts it for "localhost" too, so that the address
  // guard is the only thing that can stop these messages.
  let anyName: Agent;
  beforeAll(() => {
    anyName = new Agent({ ca: suite.push.caPem, checkServerIdentity: () => undefined });
  });
  afterAll(() => anyName.destroy());

  async function testPageVia(allowedHosts: string[]) {
    const t = await createTestApp({ pushAllowedHosts: allowedHosts, pushAgent: anyName });
    try {
      const { cookie } = await t.signedInUser('viewer');
      const device = suite.push.newSubscription('phone');
      const endpoint = device.endpoint.replace('https://127.0.0.1:', 'https://localhost:');
      expect((await t.request('POST', subscriptions, { cookie, body: { ...device, endpoint, label: 'phone' } })).status).toBe(201);
      const before = suite.push.received.length;
      const [result] = await testPage(t, cookie);
      return { result, arrived: suite.push.received.slice(before) };
    } finally {
      await t.close();
    }
  }

  it('is refused when the connection is made, because localhost resolves to loopback', async () => {
    const { result, arrived } = await testPageVia([`localhost:${suite.push.host.split(':')[1]}`]);
    expect(result).toEqual({ deviceId: expect.any(String), device: 'phone', outcome: 'retryable', error: unreachable });
    expect(arrived).toEqual([]);
  });

  it('connects once the operator allows the loopback address itself', async () => {
    const { result, arrived } = await testPageVia([`localhost:${suite.push.host.split(':')[1]}`, '127.0.0.1']);
    // The local service calls itself 127.0.0.1 and so refuses a JWT for https://localhost:…, but it got the message.
    expect(result).toMatchObject({ outcome: 'rejected', error: 'push service answered 403' });
    expect(arrived).toHaveLength(1);
    expect(JSON.parse(arrived[0].payload!)).toMatchObject({ type: 'test' });
  });
});

describe('failures on the way read the same, so /push/test cannot map the network', () => {
  let dir: string;
  let plain: Server;
  let untrusted: Server;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'muster-ssrf-'));
    const { keyFile, certPem } = await makeLoopbackCertificate(dir);
    plain = createHttpServer((_, res) => res.end('plain http'));
    untrusted = createHttpsServer({ key: await readFile(keyFile), cert: certPem }, (_, res) => res.end('untrusted'));
    await Promise.all([plain, untrusted].map((server) => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))));
  });
  afterAll(async () => {
    for (const server of [plain, untrusted]) server.closeAllConnections();
    await Promise.all([plain, untrusted].map((server) => new Promise((resolve) => server.close(resolve))));
    await rm(dir, { recursive: true, force: true });
  });

  /** An app whose operator allowed these loopback ports, so that only the network can stop the message. */
  const appAllowing = (ports: number[]) => createTestApp({ pushAllowedHosts: ports.map((port) => `127.0.0.1:${port}`), pushAgent: suite.push.agent });

  it('a closed port, a plain HTTP server and a TLS server with another certificate all answer "could not reach the push service"', async () => {
    const ports = { closed: await closedPort(), plain: portOf(plain), untrusted: portOf(untrusted) };
    const t = await appAllowing(Object.values(ports));
    try {
      const { cookie } = await t.signedInUser('viewer');
      for (const [label, port] of Object.entries(ports)) {
        const device = suite.push.newSubscription(label);
        const endpoint = device.endpoint.replace(/:\d+\//, `:${port}/`);
        expect((await t.request('POST', subscriptions, { cookie, body: { ...device, endpoint, label } })).status).toBe(201);
      }
      const results = await testPage(t, cookie);
      expect(results.map(({ device, outcome, error }: Record<string, string>) => ({ device, outcome, error }))).toEqual(
        Object.keys(ports).map((device) => ({ device, outcome: 'retryable', error: unreachable })),
      );
    } finally {
      await t.close();
    }
  });

  it('the incident timeline says the same when delivery gives up', async () => {
    const port = await closedPort();
    const t = await appAllowing([port]);
    try {
      const p = await pagingFixture(t, suite.push);
      const { user, cookie } = await t.signedInUser('responder', 'Ada');
      const device = suite.push.newSubscription('phone');
      const endpoint = device.endpoint.replace(/:\d+\//, `:${port}/`);
      expect((await t.request('POST', subscriptions, { cookie, body: { ...device, endpoint, label: 'phone' } })).status).toBe(201);
      expect((await t.request('PUT', '/api/v1/me/notification-rules', { cookie, body: [{ delaySeconds: 0, method: 'push' }] })).status).toBe(200);
      const policy = await p.policy([{ delaySeconds: 3600, targets: [{ type: 'user', id: user.id }] }]);
      const incident = await p.trigger((await p.serviceWithPolicy(policy)).id);
      for (let attempt = 1; attempt < maxDeliveryAttempts; attempt++) await p.advance(300);

      const failed = (await p.timeline(incident.id)).filter((event) => event.type === 'page_failed');
      expect(failed).toEqual([expect.objectContaining({ data: expect.objectContaining({ device: 'phone', reason: unreachable }) })]);
    } finally {
      await t.close();
    }
  });
});

const portOf = (server: Server) => (server.address() as AddressInfo).port;

/** A port nothing listens on: bind one, note it, close it. */
async function closedPort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
