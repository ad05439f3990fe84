import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiToken } from '../../server/db/stores/credentials';
import { createTestApp, expectApiError, type TestApp } from '../helpers/test-app';

// Cookie-authenticated writes started by other pages: what a browser sends when a page on another origin
// (or on the same site, another port) posts to Muster with the victim's session cookie attached.
let t: TestApp;
let responder: Awaited<ReturnType<TestApp['signedInUser']>>;
let incidentId: string;

beforeEach(async () => {
  t = await createTestApp();
  const admin = await t.signedInUser('admin');
  responder = await t.signedInUser('responder');
  const service = await t.createService(admin.cookie);
  incidentId = (await t.createIncident(responder.cookie, { serviceId: service.id, title: 'Checkout is down' })).id;
});
afterEach(() => t.close());

const resolvePath = () => `/api/v1/incidents/${incidentId}/resolve`;
const status = async () => (await t.request('GET', `/api/v1/incidents/${incidentId}`, { cookie: responder.cookie })).json.status;

describe('a write signed in by the session cookie', () => {
  const foreign: Array<[string, { origin: string | null; headers?: Record<string, string> }]> = [
    ['another site', { origin: 'https://evil.example' }],
    ['the same site on another port', { origin: 'http://localhost:8081' }],
    ['the same host over another scheme', { origin: 'https://localhost' }],
    ['no Origin at all', { origin: null }],
    ['an opaque origin (sandboxed frame, file:)', { origin: 'null' }],
    ['a page that says it is same-site, not same-origin', { origin: 'http://localhost:8081', headers: { 'Sec-Fetch-Site': 'same-site' } }],
  ];
  it.each(foreign)('is refused from %s, and nothing changes', async (_, from) => {
    const res = await t.request('POST', resolvePath(), { cookie: responder.cookie, ...from });
    const error = expectApiError(res, 403, 'forbidden_origin');
    expect(error.message).toContain('http://localhost');
    expect(await status()).toBe('triggered');
  });

  it('is refused as a text/plain or form body from a foreign page, even with a JSON-looking body', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await t.request('POST', resolvePath(), {
        cookie: responder.cookie,
        origin: 'http://localhost:8081',
        rawBody: '{"note":"x"}',
        headers: { 'Content-Type': type },
      });
      expectApiError(res, 403, 'forbidden_origin');
    }
    expect(await status()).toBe('triggered');
  });

  it('is accepted from the app: its own Origin, or Sec-Fetch-Site: same-origin', async () => {
    const ack = await t.request('POST', `/api/v1/incidents/${incidentId}/acknowledge`, { cookie: responder.cookie, origin: 'http://localhost' });
    expect(ack.status).toBe(200);
    const resolved = await t.request('POST', resolvePath(), { cookie: responder.cookie, origin: null, headers: { 'Sec-Fetch-Site': 'same-origin' } });
    expect(resolved.status).toBe(200);
  });

  it('checks against PUBLIC_URL when it is set: behind a proxy the request URL is internal', async () => {
    const proxied = await createTestApp({ publicUrl: 'https://muster.example.com' });
    try {
      const admin = await proxied.signedInUser('admin');
      const create = (origin: string) => proxied.request('POST', '/api/v1/services', { cookie: admin.cookie, origin, body: { name: `via ${origin}` } });
      expectApiError(await create('http://localhost'), 403, 'forbidden_origin');
      expect((await create('https://muster.example.com')).status).toBe(201);
    } finally {
      await proxied.close();
    }
  });

  it('is refused for DELETE and PATCH too, but reads are not affected', async () => {
    const patch = await t.request('PATCH', `/api/v1/incidents/${incidentId}`, { cookie: responder.cookie, origin: 'https://evil.example', body: { title: 'pwned' } });
    expectApiError(patch, 403, 'forbidden_origin');
    const read = await t.request('GET', `/api/v1/incidents/${incidentId}`, { cookie: responder.cookie, headers: { Origin: 'https://evil.example' } });
    expect(read.status).toBe(200);
    expect(read.json.title).toBe('Checkout is down');
  });
});

describe('requests not signed in by the cookie', () => {
  it('a Bearer token may write without an Origin, from any origin', async () => {
    const { token } = await createApiToken(t.db, responder.user.id, 'ci', t.clock.now());
    expect((await t.request('POST', `/api/v1/incidents/${incidentId}/acknowledge`, { token })).status).toBe(200);
    expect((await t.request('POST', resolvePath(), { token, origin: 'https://evil.example' })).status).toBe(200);
  });

  it('a foreign page cannot sign a phone in to another account (login CSRF), a script without Origin can', async () => {
    const { email } = await t.createAccount('responder');
    const body = { email, password: 'correct horse battery' };
    expectApiError(await t.request('POST', '/api/v1/auth/login', { body, origin: 'https://evil.example' }), 403, 'forbidden_origin');
    expect((await t.request('POST', '/api/v1/auth/login', { body })).status).toBe(200);
  });
});

describe('writes are JSON', () => {
  it('a bodyless command without Content-Type: application/json is refused with 415, even with a token', async () => {
    const { token } = await createApiToken(t.db, responder.user.id, 'ci', t.clock.now());
    for (const type of ['', 'text/plain', 'application/x-www-form-urlencoded', 'application/jsonx']) {
      const res = await t.request('POST', `/api/v1/incidents/${incidentId}/acknowledge`, { token, headers: { 'Content-Type': type } });
      expect(expectApiError(res, 415, 'unsupported_media_type').message).toContain('application/json');
    }
    expect(await status()).toBe('triggered');
    const json = await t.request('POST', `/api/v1/incidents/${incidentId}/acknowledge`, { token, headers: { 'Content-Type': 'application/json; charset=utf-8' } });
    expect(json.status).toBe(200);
  });
});
