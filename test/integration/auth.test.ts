import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sessionLifetimeMs } from '../../server/db/stores/credentials';
import { createTestApp, expectApiError, testPassword, type TestApp } from '../helpers/test-app';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const cookieAttributes = (setCookie: string | null) =>
  (setCookie ?? '')
    .split(';')
    .slice(1)
    .map((part) => part.trim().split('=')[0].toLowerCase());

describe('login and sessions', () => {
  it('signs in with email and password, returning the user and an HttpOnly SameSite=Lax cookie', async () => {
    const { user, email } = await t.createAccount('responder', 'Ada');
    const res = await t.request('POST', '/api/v1/auth/login', { body: { email, password: testPassword } });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ user: { ...user, name: 'Ada' } });
    expect(res.json.user).not.toHaveProperty('passwordHash');
    const setCookie = res.headers.get('Set-Cookie')!;
    expect(setCookie).toMatch(/^muster_session=[^;]{20,};/);
    expect(setCookie).toMatch(/;\s*HttpOnly/i);
    expect(setCookie).toMatch(/;\s*SameSite=Lax/i);
    expect(setCookie).toMatch(/;\s*Path=\//);
    expect(cookieAttributes(setCookie)).not.toContain('secure');
    const expires = new Date(setCookie.match(/Expires=([^;]+)/i)![1]);
    expect(expires.getTime()).toBe(Math.floor((t.clock.now().getTime() + sessionLifetimeMs) / 1000) * 1000);
  });

  it('marks the cookie Secure when the request arrives over HTTPS', async () => {
    const { email } = await t.createAccount();
    const res = await t.request('POST', 'https://muster.test/api/v1/auth/login', { body: { email, password: testPassword } });
    expect(res.status).toBe(200);
    expect(cookieAttributes(res.headers.get('Set-Cookie'))).toContain('secure');
  });

  it('marks the cookie Secure when PUBLIC_URL is https, even behind a plain-HTTP proxy hop', async () => {
    await t.close();
    t = await createTestApp({ publicUrl: 'https://muster.example.com' });
    const { email } = await t.createAccount();
    const res = await t.request('POST', '/api/v1/auth/login', { body: { email, password: testPassword } });
    expect(res.status).toBe(200);
    expect(cookieAttributes(res.headers.get('Set-Cookie'))).toContain('secure');
  });

  it('accepts the email in any case and with surrounding spaces', async () => {
    const { email } = await t.createAccount();
    const res = await t.request('POST', '/api/v1/auth/login', { body: { email: `  ${email.toUpperCase()} `, password: testPassword } });
    expect(res.status).toBe(200);
  });

  it('refuses a wrong password and an unknown email alike, without a cookie', async () => {
    const { email } = await t.createAccount();
    const wrong = await t.request('POST', '/api/v1/auth/login', { body: { email, password: 'not the password' } });
    const unknown = await t.request('POST', '/api/v1/auth/login', { body: { email: 'nobody@example.com', password: testPassword } });
    const wrongError = expectApiError(wrong, 401, 'invalid_credentials');
    expect(expectApiError(unknown, 401, 'invalid_credentials')).toEqual(wrongError);
    expect(wrong.headers.get('Set-Cookie')).toBeNull();
  });

  it('GET /me answers with the signed-in user, and 401 without a session', async () => {
    const { user, cookie } = await t.signedInUser('viewer');
    const me = await t.request('GET', '/api/v1/me', { cookie });
    expect(me.status).toBe(200);
    expect(me.json).toEqual({ user });
    expectApiError(await t.request('GET', '/api/v1/me'), 401, 'unauthorized');
    expectApiError(await t.request('GET', '/api/v1/me', { cookie: 'muster_session=forged' }), 401, 'unauthorized');
  });

  it('logout ends the session: the same cookie no longer works', async () => {
    const cookie = await t.login((await t.createAccount()).email);
    const other = await t.signedInUser();
    const res = await t.request('POST', '/api/v1/auth/logout', { cookie });
    expect(res.status).toBe(204);
    expect(res.headers.get('Set-Cookie')).toMatch(/^muster_session=;.*Max-Age=0/i);
    expectApiError(await t.request('GET', '/api/v1/me', { cookie }), 401);
    // Only that session ended.
    expect((await t.request('GET', '/api/v1/me', { cookie: other.cookie })).status).toBe(200);
  });

  it('sessions expire 30 days after sign-in', async () => {
    const cookie = await t.login((await t.createAccount()).email);
    t.clock.advance(sessionLifetimeMs - 60_000);
    expect((await t.request('GET', '/api/v1/me', { cookie })).status).toBe(200);
    t.clock.advance(60_000);
    expectApiError(await t.request('GET', '/api/v1/me', { cookie }), 401);
  });

  it('keeps only a hash of the session secret in the database', async () => {
    const cookie = await t.login((await t.createAccount()).email);
    const secret = cookie.split('=')[1];
    const rows = await t.db.select().from(t.db.t.sessions);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(secret);
  });
});

describe('API tokens', () => {
  it('creates a token shown once that works as a Bearer credential', async () => {
    const { user, cookie } = await t.signedInUser('responder');
    const created = await t.request('POST', '/api/v1/me/tokens', { cookie, body: { name: 'grafana' } });
    expect(created.status).toBe(201);
    expect(created.json).toEqual({ token: expect.any(String), id: expect.any(String), name: 'grafana', createdAt: t.clock.now().toISOString(), lastUsedAt: null });
    const me = await t.request('GET', '/api/v1/me', { token: created.json.token });
    expect(me.status).toBe(200);
    expect(me.json.user.id).toBe(user.id);

    const listed = await t.request('GET', '/api/v1/me/tokens', { cookie });
    expect(listed.json.items).toEqual([{ id: created.json.id, name: 'grafana', createdAt: created.json.createdAt, lastUsedAt: t.clock.now().toISOString() }]);
    expect(listed.text).not.toContain(created.json.token);
  });

  it('stores the token hashed, never in plain text', async () => {
    const { cookie } = await t.signedInUser();
    const { json } = await t.request('POST', '/api/v1/me/tokens', { cookie, body: { name: 'ci' } });
    const rows = await t.db.select().from(t.db.t.apiTokens);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(json.token);
    expect(JSON.stringify(rows)).not.toContain(json.token.slice(4));
  });

  it('acts with the role of its owner', async () => {
    const { cookie } = await t.signedInUser('viewer');
    const { json } = await t.request('POST', '/api/v1/me/tokens', { cookie, body: { name: 'read only' } });
    expectApiError(await t.request('POST', '/api/v1/teams', { token: json.token, body: { name: 'ops' } }), 403, 'forbidden');
  });

  it('a deleted token stops working; another user cannot delete it', async () => {
    const owner = await t.signedInUser();
    const other = await t.signedInUser();
    const { json } = await t.request('POST', '/api/v1/me/tokens', { cookie: owner.cookie, body: { name: 'laptop' } });
    expectApiError(await t.request('DELETE', `/api/v1/me/tokens/${json.id}`, { cookie: other.cookie }), 404);
    expect((await t.request('GET', '/api/v1/me', { token: json.token })).status).toBe(200);
    expect((await t.request('DELETE', `/api/v1/me/tokens/${json.id}`, { cookie: owner.cookie })).status).toBe(204);
    expectApiError(await t.request('GET', '/api/v1/me', { token: json.token }), 401);
  });

  it('an unknown Bearer token is 401 even with a valid cookie alongside', async () => {
    const { cookie } = await t.signedInUser();
    expectApiError(await t.request('GET', '/api/v1/me', { cookie, token: 'mst_forged' }), 401);
  });

  it('needs a non-empty name', async () => {
    const { cookie } = await t.signedInUser();
    const error = expectApiError(await t.request('POST', '/api/v1/me/tokens', { cookie, body: { name: ' ' } }), 400);
    expect(error.message).toMatch(/name/);
  });
});

describe('login rate limits', () => {
  const failLogin = (email: string, clientAddress = '192.0.2.1') =>
    t.request('POST', '/api/v1/auth/login', { body: { email, password: 'wrong password' }, clientAddress });

  it('after 10 failures slows that address down on that account (429, Retry-After) without locking the owner out', async () => {
    const { email } = await t.createAccount();
    for (let i = 0; i < 10; i++) expect((await failLogin(email)).status).toBe(401);
    const slowed = await failLogin(email);
    expect(expectApiError(slowed, 429, 'rate_limited').message).toMatch(/this address.*900 s/);
    expect(Number(slowed.headers.get('Retry-After'))).toBe(15 * 60);
    // The right password from the failing address waits too, so it cannot be used to test guesses.
    const rightFromFailing = await t.request('POST', '/api/v1/auth/login', { body: { email, password: testPassword }, clientAddress: '192.0.2.1' });
    expectApiError(rightFromFailing, 429, 'rate_limited');
    // The owner at an address that has not been failing signs in.
    expect((await t.login(email, testPassword, { clientAddress: '198.51.100.7' })).length).toBeGreaterThan(0);

    t.clock.advance(10 * 60_000);
    expect(Number((await failLogin(email)).headers.get('Retry-After'))).toBe(5 * 60);
    t.clock.advance(5 * 60_000);
    expect((await t.login(email, testPassword, { clientAddress: '192.0.2.1' })).length).toBeGreaterThan(0);
  });

  it('a successful sign-in clears the failures of that address on that account', async () => {
    const { email } = await t.createAccount();
    for (let i = 0; i < 9; i++) expect((await failLogin(email)).status).toBe(401);
    await t.login(email, testPassword, { clientAddress: '192.0.2.1' });
    for (let i = 0; i < 10; i++) expect((await failLogin(email)).status).toBe(401);
    expectApiError(await failLogin(email), 429);
  });

  it('counts unknown emails exactly like accounts, so the answers do not tell which exist', async () => {
    const { email } = await t.createAccount();
    const unknown = [];
    const known = [];
    for (let i = 0; i < 11; i++) {
      unknown.push(await failLogin('nobody@example.com'));
      known.push(await failLogin(email));
    }
    const shape = (r: { status: number; json: unknown; headers: Headers }) => [r.status, r.json, r.headers.get('Retry-After')];
    expect(unknown.map(shape)).toEqual(known.map(shape));
    expect(unknown.at(-1)!.status).toBe(429);
  });

  it('counts an IPv6 client by its /64, so one host cannot rotate through its addresses', async () => {
    const { email } = await t.createAccount();
    const guesses = await Promise.all(Array.from({ length: 50 }, (_, i) => failLogin(`guess${i}@example.com`, `2001:db8:5:6::${(i + 1).toString(16)}`)));
    expect(guesses.filter((r) => r.status === 401)).toHaveLength(50);
    expectApiError(await failLogin('fresh@example.com', '2001:db8:5:6:abcd::99'), 429);
    expect((await t.login(email, testPassword, { clientAddress: '2001:db8:5:7::1' })).length).toBeGreaterThan(0);
  }, 30_000);

  // 50 real password checks: slow on a busy machine, hence the longer timeout.
  it('limits each client address to 50 failures across accounts; successful sign-ins do not count', async () => {
    const { email } = await t.createAccount();
    await t.login(email, testPassword, { clientAddress: '192.0.2.1' });
    const guesses = await Promise.all(Array.from({ length: 50 }, (_, i) => failLogin(`guess${i}@example.com`)));
    expect(guesses.filter((r) => r.status === 401)).toHaveLength(50);
    const fromSameAddress = await t.request('POST', '/api/v1/auth/login', { body: { email, password: testPassword }, clientAddress: '192.0.2.1' });
    expectApiError(fromSameAddress, 429);
    expect(Number(fromSameAddress.headers.get('Retry-After'))).toBe(15 * 60);
    const fromElsewhere = await t.request('POST', '/api/v1/auth/login', { body: { email, password: testPassword }, clientAddress: '192.0.2.2' });
    expect(fromElsewhere.status).toBe(200);
  }, 30_000);

  it('parallel guesses cannot slip past the limit while passwords are being checked', async () => {
    const { email } = await t.createAccount();
    const results = await Promise.all(Array.from({ length: 25 }, () => failLogin(email)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
  });

  it('behind a trusted proxy, counts per forwarded client address instead of per proxy', async () => {
    const proxied = await createTestApp({ trustProxy: true });
    try {
      const guess = (forwardedFor: string) =>
        proxied.request('POST', '/api/v1/auth/login', {
          body: { email: `nobody${proxied.unique()}@example.com`, password: 'wrong password' },
          clientAddress: '127.0.0.1',
          headers: { 'X-Forwarded-For': forwardedFor },
        });
      // The client claimed an address; the proxy appended the real one, which is what counts.
      for (let i = 0; i < 50; i++) expect((await guess(`10.9.9.9, 203.0.113.5`)).status).toBe(401);
      expectApiError(await guess('10.9.9.9, 203.0.113.5'), 429);
      expect((await guess('10.9.9.9, 203.0.113.6')).status).toBe(401);
    } finally {
      await proxied.close();
    }
  }, 30_000);

  it('ignores X-Forwarded-For unless MUSTER_TRUST_PROXY is set, so a client cannot claim fresh addresses', async () => {
    const { email } = await t.createAccount();
    const guess = (forwardedFor: string) =>
      t.request('POST', '/api/v1/auth/login', {
        body: { email, password: 'wrong password' },
        clientAddress: '192.0.2.1',
        headers: { 'X-Forwarded-For': forwardedFor },
      });
    for (let i = 0; i < 10; i++) expect((await guess(`203.0.113.${i}`)).status).toBe(401);
    expectApiError(await guess('203.0.113.99'), 429);
  });
});
