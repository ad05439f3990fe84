import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, testPassword, type TestApp } from '../helpers/test-app';

/**
 * Sign-in throttling seen from outside, over real connections: the attacker's socket is bound
 * to 127.0.0.2 and the owner's to 127.0.0.1 (all of 127.0.0.0/8 is loopback on Linux), so the
 * server tells them apart the way it tells real clients apart. The app runs in-process on a
 * fake clock, so the 15-minute window passes without sleeping.
 */
const owner = '127.0.0.1';
const attacker = '127.0.0.2';
const windowMs = 15 * 60_000;

const running: Array<{ t: TestApp; server: ServerType }> = [];
afterEach(async () => {
  for (const { t, server } of running.splice(0)) {
    await new Promise((resolve) => server.close(resolve));
    await t.close();
  }
});

async function startMuster(options: { trustProxy?: boolean } = {}) {
  const t = await createTestApp(options);
  const server = await new Promise<ServerType>((resolve) => {
    const started: ServerType = serve({ fetch: t.app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(started));
  });
  running.push({ t, server });
  const { port } = server.address() as AddressInfo;

  interface Answer {
    status: number;
    headers: IncomingHttpHeaders;
    json: any;
  }
  /** POST /api/v1/auth/login from a socket bound to `from`, on a fresh connection. */
  function login(from: string, email: string, password: string, headers: Record<string, string> = {}): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port, localAddress: from, agent: false, method: 'POST', path: '/api/v1/auth/login', headers: { 'Content-Type': 'application/json', ...headers } },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, json: JSON.parse(text) }));
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify({ email, password }));
    });
  }
  return { t, login };
}

const expectSignedIn = (answer: { status: number; headers: IncomingHttpHeaders }) => {
  expect(answer.status).toBe(200);
  expect(String(answer.headers['set-cookie'])).toMatch(/^muster_session=[^;]{20,};/);
};

const expectSlowedDown = (answer: { status: number; headers: IncomingHttpHeaders; json: any }) => {
  expect(answer.status).toBe(429);
  expect(answer.json).toEqual({ error: { code: 'rate_limited', message: expect.stringMatching(/too many failed sign-ins from this address/) } });
  const retryAfter = Number(answer.headers['retry-after']);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(windowMs / 1000);
  expect(answer.headers['set-cookie']).toBeUndefined();
};

// Every counted guess is a real scrypt check: slow on a busy machine, hence the longer timeout.
describe('sign-in throttling over HTTP', { timeout: 30_000 }, () => {
  it('an attacker guessing from one address cannot lock the owner out at another', async () => {
    const { t, login } = await startMuster();
    const { email } = await t.createAccount('admin');

    const guesses = [];
    for (let i = 0; i < 25; i++) guesses.push(await login(attacker, email, `guess ${i}`));
    expect(guesses.slice(0, 10).map((r) => r.status)).toEqual(Array(10).fill(401));
    guesses.slice(10).forEach(expectSlowedDown);
    expect(Number(guesses.at(-1)!.headers['retry-after'])).toBe(windowMs / 1000);

    // The owner, at an address that has not been failing, signs in at once; so does a colleague.
    expectSignedIn(await login(owner, email, testPassword));
    expectSignedIn(await login(owner, (await t.createAccount()).email, testPassword));
    // The attacker's address stays slowed down even with the right password, so guesses cannot be tested.
    expectSlowedDown(await login(attacker, email, testPassword));

    t.clock.advance(windowMs - 1000);
    expect(Number((await login(attacker, email, 'one more guess')).headers['retry-after'])).toBe(1);
    t.clock.advance(1000);
    expectSignedIn(await login(attacker, email, testPassword));
  });

  it('limits one address to 50 failures across accounts, known or not, and only that address', async () => {
    const { t, login } = await startMuster();
    const accounts = await Promise.all(Array.from({ length: 5 }, () => t.createAccount()));
    const { email } = accounts[0];
    // Five failures on each of five accounts, and 25 unknown emails: none reaches the per-account limit.
    const guesses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => login(attacker, i % 2 ? `nobody${i}@example.com` : accounts[i % 5].email, 'wrong password')),
    );
    expect(guesses.map((r) => r.status)).toEqual(Array(50).fill(401));
    expectSlowedDown(await login(attacker, email, testPassword));
    expectSlowedDown(await login(attacker, 'someone-else@example.com', 'wrong password'));
    expectSignedIn(await login(owner, email, testPassword));
  });

  it('ignores X-Forwarded-For from clients unless MUSTER_TRUST_PROXY is set', async () => {
    const { t, login } = await startMuster();
    const { email } = await t.createAccount();
    for (let i = 0; i < 10; i++) expect((await login(attacker, email, 'wrong password', { 'X-Forwarded-For': `203.0.113.${i}` })).status).toBe(401);
    expectSlowedDown(await login(attacker, email, 'wrong password', { 'X-Forwarded-For': '198.51.100.1' }));
  });

  it('behind a trusted proxy, slows down the forwarded client address and lets the owner behind the same proxy in', async () => {
    const { t, login } = await startMuster({ trustProxy: true });
    const { email } = await t.createAccount();
    // Both clients reach Muster through the proxy at 127.0.0.1, which appends their real address.
    const viaProxy = (client: string) => ({ 'X-Forwarded-For': `10.0.0.1, ${client}` });
    for (let i = 0; i < 10; i++) expect((await login(owner, email, 'wrong password', viaProxy('203.0.113.5'))).status).toBe(401);
    expectSlowedDown(await login(owner, email, testPassword, viaProxy('203.0.113.5')));
    expectSignedIn(await login(owner, email, testPassword, viaProxy('198.51.100.7')));
  });
});
