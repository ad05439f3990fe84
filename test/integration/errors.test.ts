import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestApp, expectApiError, testPassword, type TestApp, type TestResponse } from '../helpers/test-app';

// One app for the whole file: hundreds of probes each needing fresh rows would dominate the
// run, and hostile input must be handled whatever state earlier probes left behind.
let t: TestApp;
let admin: { cookie: string; user: { id: string } };
let responder: { cookie: string; user: { id: string } };
let viewer: { cookie: string; user: { id: string } };
let ids: { service: string; incident: string; team: string; token: string };

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signedInUser('admin');
  responder = await t.signedInUser('responder');
  viewer = await t.signedInUser('viewer');
  const service = await t.createService(admin.cookie);
  const incident = await t.createIncident(responder.cookie, { serviceId: service.id });
  const team = (await t.request('POST', '/api/v1/teams', { cookie: admin.cookie, body: { name: 'Errors' } })).json;
  const token = (await t.request('POST', '/api/v1/me/tokens', { cookie: admin.cookie, body: { name: 't' } })).json;
  ids = { service: service.id, incident: incident.id, team: team.id, token: token.id };
});
afterAll(() => t.close());

/**
 * Every mutating endpoint with a body it would accept. `:name` in a path and a value `':name'`
 * in a body stand for the ids made in beforeAll, so the table can name tests at collection.
 */
const endpoints: Array<{ method: string; path: string; body: Record<string, unknown> }> = [
  { method: 'POST', path: '/api/v1/auth/login', body: { email: 'someone@example.com', password: testPassword } },
  { method: 'POST', path: '/api/v1/auth/logout', body: {} },
  { method: 'POST', path: '/api/v1/setup', body: { email: 'setup@example.com', name: 'S', password: testPassword } },
  { method: 'POST', path: '/api/v1/me/tokens', body: { name: 'n' } },
  { method: 'DELETE', path: '/api/v1/me/tokens/:token', body: {} },
  { method: 'POST', path: '/api/v1/users', body: { email: 'u@example.com', name: 'U', password: testPassword, role: 'viewer' } },
  { method: 'PATCH', path: '/api/v1/users/:viewer', body: { name: 'V', role: 'viewer', active: true } },
  { method: 'POST', path: '/api/v1/teams', body: { name: 'T', description: 'd' } },
  { method: 'POST', path: '/api/v1/teams/:team/members', body: { userId: ':viewer' } },
  { method: 'DELETE', path: '/api/v1/teams/:team/members/:viewer', body: {} },
  { method: 'POST', path: '/api/v1/services', body: { name: 'S', description: 'd', teamId: ':team' } },
  { method: 'PATCH', path: '/api/v1/services/:service', body: { name: 'S', description: 'd', teamId: ':team' } },
  { method: 'POST', path: '/api/v1/services/:service/rotate-key', body: {} },
  { method: 'POST', path: '/api/v1/incidents', body: { serviceId: ':service', title: 'T', severity: 'SEV-3', description: 'd' } },
  { method: 'PATCH', path: '/api/v1/incidents/:incident', body: { severity: 'SEV-2', title: 'T' } },
  { method: 'POST', path: '/api/v1/incidents/:incident/acknowledge', body: {} },
  { method: 'POST', path: '/api/v1/incidents/:incident/resolve', body: {} },
  { method: 'POST', path: '/api/v1/incidents/:incident/notes', body: { text: 'n' } },
];

const idFor = (name: string) => (name === 'viewer' ? viewer.user.id : ids[name as keyof typeof ids]);

/** The endpoints with the placeholders replaced by real ids. */
function mutating() {
  return endpoints.map(({ method, path, body }) => ({
    method,
    path: path.replace(/:(\w+)/g, (_, name: string) => idFor(name)),
    body: Object.fromEntries(Object.entries(body).map(([key, value]) => [key, typeof value === 'string' && value.startsWith(':') ? idFor(value.slice(1)) : value])),
  }));
}

/** Either a success or a refusal in the one error shape, never a server error. */
function expectHandled(res: TestResponse, what: string) {
  expect(res.status, `${what} -> ${res.status} ${res.text.slice(0, 200)}`).toBeLessThan(500);
  if (res.status >= 400) {
    expect(res.json, what).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
  }
}

describe('the error shape', () => {
  it('malformed JSON is 400', async () => {
    for (const rawBody of ['{"serviceId":', '{title: "x"}', "{'a':1}", '{"a":1}}']) {
      expectApiError(await t.request('POST', '/api/v1/incidents', { cookie: responder.cookie, rawBody }), 400, 'bad_request');
    }
  });

  it('a schema violation is 400 naming each bad field', async () => {
    const res = await t.request('POST', '/api/v1/incidents', { cookie: responder.cookie, body: { serviceId: ids.service, title: 7, severity: 'SEV-9' } });
    const error = expectApiError(res, 400, 'bad_request');
    expect(error.message).toMatch(/title/);
    expect(error.message).toMatch(/severity/);
    expect(error.message).not.toMatch(/serviceId/);
  });

  it('GET /healthz needs no session, answers after a real query and names the backend', async () => {
    const res = await t.request('GET', '/healthz');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ status: 'ok', backend: inject('postgres') ? 'postgres' : 'sqlite' });
  });

  it('unknown API routes and pages are 404', async () => {
    expectApiError(await t.request('GET', '/api/v1/nothing-here', { cookie: admin.cookie }), 404, 'not_found');
    expectApiError(await t.request('DELETE', '/api/v1/incidents', { cookie: admin.cookie }), 404);
    expectApiError(await t.request('POST', `/api/v1/incidents/${ids.incident}/explode`, { cookie: admin.cookie }), 404);
    expectApiError(await t.request('GET', '/not-a-page'), 404);
  });

  it('every endpoint needs a session except login, logout and setup (401)', async () => {
    const reads = ['/api/v1/me', '/api/v1/me/tokens', '/api/v1/users', '/api/v1/teams', `/api/v1/teams/${ids.team}`, '/api/v1/services', `/api/v1/services/${ids.service}`, '/api/v1/incidents', `/api/v1/incidents/${ids.incident}`];
    for (const path of reads) expectApiError(await t.request('GET', path), 401, 'unauthorized');
    const open = ['/api/v1/auth/login', '/api/v1/auth/logout', '/api/v1/setup'];
    for (const { method, path, body } of mutating().filter((e) => !open.includes(e.path))) {
      expect({ method, path, status: (await t.request(method, path, { body })).status }).toEqual({ method, path, status: 401 });
    }
  });

  it('viewers cannot mutate anything but their own tokens; responders cannot manage users, teams or services (403)', async () => {
    const own = ['/api/v1/auth/login', '/api/v1/auth/logout', '/api/v1/setup', '/api/v1/me/tokens', `/api/v1/me/tokens/${ids.token}`];
    const adminOnly = /\/(users|teams|services)/;
    for (const { method, path, body } of mutating().filter((e) => !own.includes(e.path))) {
      expect({ method, path, status: (await t.request(method, path, { cookie: viewer.cookie, body })).status }).toEqual({ method, path, status: 403 });
      if (adminOnly.test(path)) {
        expect({ method, path, status: (await t.request(method, path, { cookie: responder.cookie, body })).status }).toEqual({ method, path, status: 403 });
      }
    }
  });

  it('a body over 512 KB is 413, with or without a Content-Length', async () => {
    const rawBody = JSON.stringify({ text: 'x'.repeat(512 * 1024) });
    const path = `/api/v1/incidents/${ids.incident}/notes`;
    expectApiError(await t.request('POST', path, { cookie: responder.cookie, rawBody, headers: { 'Content-Length': String(rawBody.length) } }), 413, 'payload_too_large');
    expectApiError(await t.request('POST', path, { cookie: responder.cookie, rawBody }), 413, 'payload_too_large');
    expectApiError(await t.request('POST', path, { cookie: responder.cookie, rawBody, headers: { 'Idempotency-Key': 'big' } }), 413);
    expectApiError(await t.request('POST', '/api/v1/auth/login', { rawBody }), 413);
    // Just under the limit is parsed and validated as usual.
    const under = JSON.stringify({ text: 'x'.repeat(500 * 1024) });
    expectApiError(await t.request('POST', path, { cookie: responder.cookie, rawBody: under }), 400);
  });
});

describe('hostile input never causes a server error', () => {
  const huge = 'é'.repeat(200_000);
  const unicode = '🔥 ‮evil‬ \u0000 \ud800 𝕏 ǅ ﷽';
  const wrongValues: unknown[] = [null, 0, -1, 1e308, true, [], {}, [{}], '', huge, unicode, { $gt: '' }];
  const wholeBodies: Array<[string, string | undefined]> = [
    ['array', '[]'],
    ['array of objects', '[{"name":"x"}]'],
    ['null', 'null'],
    ['string', '"text"'],
    ['number', '42'],
    ['empty', ''],
    ['deep nesting', '['.repeat(100_000) + ']'.repeat(100_000)],
    ['prototype keys', '{"__proto__":{"role":"admin"},"constructor":{"prototype":{"x":1}}}'],
    ['duplicate keys', '{"name":"a","name":"b","text":"a","text":"b"}'],
    ['lone surrogate escape', '{"name":"\\ud800","text":"\\udfff","title":"\\ud83d"}'],
  ];

  it.each(endpoints.map((e, i) => [`${e.method} ${e.path}`, i]))('%s: wrong types, huge strings and odd unicode in each field', async (_, i) => {
    const { method, path, body } = mutating()[i as number];
    for (const field of Object.keys(body)) {
      for (const value of wrongValues) {
        const res = await t.request(method, path, { cookie: admin.cookie, body: { ...body, [field]: value } });
        expectHandled(res, `${field}=${JSON.stringify(value).slice(0, 40)}`);
      }
    }
  });

  it.each(endpoints.map((e, i) => [`${e.method} ${e.path}`, i]))('%s: bodies that are not objects, empty or absent, with any content type', async (_, i) => {
    const { method, path } = mutating()[i as number];
    for (const [label, rawBody] of wholeBodies) expectHandled(await t.request(method, path, { cookie: admin.cookie, rawBody }), label);
    expectHandled(await t.request(method, path, { cookie: admin.cookie }), 'no body');
    const noType = await t.request(method, path, { cookie: admin.cookie, rawBody: '{"name":"x"}', headers: { 'Content-Type': '' } });
    expectHandled(noType, 'without content type');
    const plain = await t.request(method, path, { cookie: admin.cookie, rawBody: '{"name":"x"}', headers: { 'Content-Type': 'text/plain' } });
    expectHandled(plain, 'as text/plain');
  });

  it('odd paths, ids, queries and credentials', async () => {
    const probes: Array<[string, string, Record<string, string>?]> = [
      ['GET', `/api/v1/incidents/${'x'.repeat(10_000)}`],
      ['GET', '/api/v1/incidents/%F0%9F%94%A5'],
      ['GET', '/api/v1/incidents/%E0%A4%A'],
      ['GET', '/api/v1/incidents/..%2F..%2Fetc%2Fpasswd'],
      ['PATCH', '/api/v1/users/%00'],
      ['GET', `/api/v1/incidents?cursor=${'9'.repeat(400)}`],
      ['GET', '/api/v1/incidents?limit=1e2&status=triggered,,resolved'],
      ['GET', '/api/v1/incidents?status=triggered&status=resolved'],
      ['GET', '/api/v1/incidents?limit=NaN&severity=%00'],
      ['GET', '/api/v1/incidents?serviceId=%F0%9F%94%A5&cursor=-1'],
      ['GET', '/api/v1/me', { Cookie: 'muster_session=%E0%A4%A' }],
      ['GET', '/api/v1/me', { Cookie: `muster_session=${'a'.repeat(8_000)}` }],
      ['GET', '/api/v1/me', { Authorization: 'Bearer' }],
      ['GET', '/api/v1/me', { Authorization: `Bearer ${'a'.repeat(8_000)}` }],
      ['GET', '/api/v1/me', { Authorization: 'Basic YWRtaW46YWRtaW4=' }],
      ['POST', `/api/v1/incidents/${ids.incident}/notes`, { 'Idempotency-Key': '' }],
      ['OPTIONS', '/api/v1/incidents'],
      ['PUT', `/api/v1/incidents/${ids.incident}`],
      ['GET', '/api/v2/anything'],
    ];
    for (const [method, path, headers] of probes) {
      const res = await t.request(method, path, { cookie: headers?.Cookie ?? headers?.Authorization ? undefined : admin.cookie, headers });
      expectHandled(res, `${method} ${path.slice(0, 80)} ${JSON.stringify(headers ?? {}).slice(0, 60)}`);
    }
  });
});
