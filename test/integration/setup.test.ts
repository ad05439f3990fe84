import { afterEach, beforeEach, expect, it } from 'vitest';
import { countUsers } from '../../server/db/stores/users';
import { createFirstAdmin } from '../../server/services/accounts/create-user';
import { createTestApp, expectApiError, testPassword, type TestApp } from '../helpers/test-app';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const firstAdmin = { email: 'Owner@Example.com', name: 'Owner', password: testPassword };

it('reports setup as needed only while no user exists', async () => {
  expect((await t.request('GET', '/api/v1/setup')).json).toEqual({ needed: true });
  await t.createAccount('viewer');
  expect((await t.request('GET', '/api/v1/setup')).json).toEqual({ needed: false });
});

it('creates the first admin and signs them in', async () => {
  const res = await t.request('POST', '/api/v1/setup', { body: firstAdmin });
  expect(res.status).toBe(201);
  expect(res.json.user).toMatchObject({ email: 'owner@example.com', name: 'Owner', role: 'admin', active: true });
  const cookie = res.headers.get('Set-Cookie')!.split(';')[0];
  const me = await t.request('GET', '/api/v1/me', { cookie });
  expect(me.json.user.id).toBe(res.json.user.id);
  expect((await t.request('GET', '/api/v1/setup')).json).toEqual({ needed: false });
  expect((await t.login('owner@example.com')).length).toBeGreaterThan(0);
});

it('is closed once a user exists: a second call is 403 and creates nobody', async () => {
  expect((await t.request('POST', '/api/v1/setup', { body: firstAdmin })).status).toBe(201);
  const again = await t.request('POST', '/api/v1/setup', { body: { ...firstAdmin, email: 'intruder@example.com' } });
  expectApiError(again, 403, 'forbidden');
  expect(again.headers.get('Set-Cookie')).toBeNull();
  expect(await countUsers(t.db)).toBe(1);
});

it('lets only one of two simultaneous setup calls through', async () => {
  const results = await Promise.all([
    t.request('POST', '/api/v1/setup', { body: firstAdmin }),
    t.request('POST', '/api/v1/setup', { body: { ...firstAdmin, email: 'second@example.com' } }),
  ]);
  expect(results.map((r) => r.status).sort()).toEqual([201, 403]);
  expect(await countUsers(t.db)).toBe(1);
});

it('validates the setup form, naming the field', async () => {
  const error = expectApiError(await t.request('POST', '/api/v1/setup', { body: { ...firstAdmin, password: 'short' } }), 400);
  expect(error.message).toMatch(/password/);
  expect((await t.request('GET', '/api/v1/setup')).json).toEqual({ needed: true });
});

it('createFirstAdmin (used with MUSTER_ADMIN_EMAIL at start) creates an admin on an empty database only', async () => {
  const created = await createFirstAdmin(t.db, { email: 'env@example.com', name: 'Admin', password: testPassword }, t.clock.now());
  expect(created).toMatchObject({ email: 'env@example.com', role: 'admin' });
  const again = await createFirstAdmin(t.db, { email: 'other@example.com', name: 'Admin', password: testPassword }, t.clock.now());
  expect(again).toBeNull();
  expect(await countUsers(t.db)).toBe(1);
});

it('createFirstAdmin leaves an installation with any user alone, even a viewer only', async () => {
  const { email } = await t.createAccount('viewer');
  expect(await createFirstAdmin(t.db, { email, name: 'Admin', password: 'another password' }, t.clock.now())).toBeNull();
  // The existing account keeps its password and role.
  const login = await t.request('POST', '/api/v1/auth/login', { body: { email, password: testPassword } });
  expect(login.json.user.role).toBe('viewer');
});
