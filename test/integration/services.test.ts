import { afterEach, beforeEach, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { sha256 } from '../../server/auth/secrets';
import { createTestApp, expectApiError, type TestApp } from '../helpers/test-app';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const integrationKey = /^[A-Za-z0-9]{32}$/;

it('an admin creates a service and gets its 32-character integration key', async () => {
  const admin = await t.signedInUser('admin');
  const team = (await t.request('POST', '/api/v1/teams', { cookie: admin.cookie, body: { name: 'Web' } })).json;
  const res = await t.request('POST', '/api/v1/services', { cookie: admin.cookie, body: { name: 'Checkout', description: 'pays', teamId: team.id } });
  expect(res.status).toBe(201);
  expect(res.json).toMatchObject({
    id: expect.any(String),
    name: 'Checkout',
    description: 'pays',
    teamId: team.id,
    createdAt: t.clock.now().toISOString(),
    integrationKey: expect.stringMatching(integrationKey),
  });
  const other = await t.createService(admin.cookie);
  expect(other.integrationKey).not.toBe(res.json.integrationKey);
});

it('shows the integration key only in the answer that made it, to nobody afterwards', async () => {
  const admin = await t.signedInUser('admin');
  const service = await t.createService(admin.cookie, { name: 'API' });
  for (const role of ['responder', 'viewer', 'admin'] as const) {
    const { cookie } = await t.signedInUser(role);
    const list = await t.request('GET', '/api/v1/services', { cookie });
    expect(list.json.items).toMatchObject([{ id: service.id, name: 'API', description: null, teamId: null, createdAt: service.createdAt }]);
    expect(list.json.items[0]).not.toHaveProperty('integrationKey');
    const one = await t.request('GET', `/api/v1/services/${service.id}`, { cookie });
    expect(one.json).not.toHaveProperty('integrationKey');
    expect(one.text).not.toContain(service.integrationKey);
  }
});

it('lists services by name', async () => {
  const admin = await t.signedInUser('admin');
  for (const name of ['Search', 'Auth', 'Mail']) await t.createService(admin.cookie, { name });
  const list = await t.request('GET', '/api/v1/services', { cookie: admin.cookie });
  expect(list.json.items.map((s: { name: string }) => s.name)).toEqual(['Auth', 'Mail', 'Search']);
});

it('rotating the key replaces it; only admins may rotate', async () => {
  const admin = await t.signedInUser('admin');
  const responder = await t.signedInUser('responder');
  const service = await t.createService(admin.cookie);
  expectApiError(await t.request('POST', `/api/v1/services/${service.id}/rotate-key`, { cookie: responder.cookie }), 403);
  const rotated = await t.request('POST', `/api/v1/services/${service.id}/rotate-key`, { cookie: admin.cookie });
  expect(rotated.status).toBe(200);
  expect(rotated.json.integrationKey).toMatch(integrationKey);
  expect(rotated.json.integrationKey).not.toBe(service.integrationKey);
  const { services } = t.db.t;
  const [stored] = await t.db.select({ hash: services.integrationKeyHash }).from(services).where(eq(services.id, service.id));
  expect(stored.hash).toBe(sha256(rotated.json.integrationKey));
});

it('PATCH changes name, description and team, and clears them with null', async () => {
  const admin = await t.signedInUser('admin');
  const team = (await t.request('POST', '/api/v1/teams', { cookie: admin.cookie, body: { name: 'Core' } })).json;
  const service = await t.createService(admin.cookie, { description: 'old' });
  const changed = await t.request('PATCH', `/api/v1/services/${service.id}`, { cookie: admin.cookie, body: { name: 'Renamed', teamId: team.id } });
  expect(changed.status).toBe(200);
  expect(changed.json).toMatchObject({ name: 'Renamed', description: 'old', teamId: team.id });
  expect(changed.json).not.toHaveProperty('integrationKey');
  const cleared = await t.request('PATCH', `/api/v1/services/${service.id}`, { cookie: admin.cookie, body: { description: null, teamId: null } });
  expect(cleared.json).toMatchObject({ name: 'Renamed', description: null, teamId: null });
});

it('responders and viewers cannot create or change services (403)', async () => {
  const admin = await t.signedInUser('admin');
  const service = await t.createService(admin.cookie, { name: 'Keep' });
  for (const role of ['responder', 'viewer'] as const) {
    const { cookie } = await t.signedInUser(role);
    expectApiError(await t.request('POST', '/api/v1/services', { cookie, body: { name: 'Sneaky' } }), 403, 'forbidden');
    expectApiError(await t.request('PATCH', `/api/v1/services/${service.id}`, { cookie, body: { name: 'Sneaky' } }), 403, 'forbidden');
  }
  const list = await t.request('GET', '/api/v1/services', { cookie: admin.cookie });
  expect(list.json.items.map((s: { name: string }) => s.name)).toEqual(['Keep']);
});

it('unknown service or team ids are 404 and change nothing', async () => {
  const admin = await t.signedInUser('admin');
  const service = await t.createService(admin.cookie);
  expectApiError(await t.request('GET', '/api/v1/services/nope', { cookie: admin.cookie }), 404, 'not_found');
  expectApiError(await t.request('PATCH', '/api/v1/services/nope', { cookie: admin.cookie, body: { name: 'X' } }), 404);
  expectApiError(await t.request('POST', '/api/v1/services/nope/rotate-key', { cookie: admin.cookie }), 404);
  expectApiError(await t.request('POST', '/api/v1/services', { cookie: admin.cookie, body: { name: 'X', teamId: 'no-team' } }), 404);
  expectApiError(await t.request('PATCH', `/api/v1/services/${service.id}`, { cookie: admin.cookie, body: { name: 'X', teamId: 'no-team' } }), 404);
  expect((await t.request('GET', `/api/v1/services/${service.id}`, { cookie: admin.cookie })).json.name).toBe(service.name);
  expect((await t.request('GET', '/api/v1/services', { cookie: admin.cookie })).json.items).toHaveLength(1);
});

it('validates names, naming the field', async () => {
  const admin = await t.signedInUser('admin');
  const error = expectApiError(await t.request('POST', '/api/v1/services', { cookie: admin.cookie, body: { name: '   ' } }), 400);
  expect(error.message).toMatch(/name/);
});
