import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, expectApiError, testPassword, type TestApp } from '../helpers/test-app';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const newUser = (overrides: Record<string, unknown> = {}) => ({
  email: `new${Math.random().toString(36).slice(2)}@example.com`,
  name: 'New Person',
  password: testPassword,
  role: 'responder',
  ...overrides,
});

describe('users', () => {
  it('an admin creates a user who can then sign in; the password never comes back', async () => {
    const admin = await t.signedInUser('admin');
    const body = newUser({ email: 'Grace@Example.com', role: 'viewer' });
    const res = await t.request('POST', '/api/v1/users', { cookie: admin.cookie, body });
    expect(res.status).toBe(201);
    expect(res.json).toEqual({ id: expect.any(String), email: 'grace@example.com', name: 'New Person', role: 'viewer', active: true, timeZone: null, hasPassword: true, createdAt: t.clock.now().toISOString() });
    expect(res.text).not.toMatch(/passwordHash|scrypt/i);
    expect((await t.login('grace@example.com')).length).toBeGreaterThan(0);
  });

  it('refuses a second user with the same email in any case (409)', async () => {
    const admin = await t.signedInUser('admin');
    const { email } = await t.createAccount();
    expectApiError(await t.request('POST', '/api/v1/users', { cookie: admin.cookie, body: newUser({ email: email.toUpperCase() }) }), 409, 'conflict');
  });

  it('everyone signed in may list users; only admins may create or change them', async () => {
    const viewer = await t.signedInUser('viewer');
    const responder = await t.signedInUser('responder');
    const list = await t.request('GET', '/api/v1/users', { cookie: viewer.cookie });
    expect(list.status).toBe(200);
    expect(list.json.items.map((u: { id: string }) => u.id).sort()).toEqual([viewer.user.id, responder.user.id].sort());
    expect(list.text).not.toMatch(/scrypt/);
    for (const { cookie } of [viewer, responder]) {
      expectApiError(await t.request('POST', '/api/v1/users', { cookie, body: newUser() }), 403, 'forbidden');
      expectApiError(await t.request('PATCH', `/api/v1/users/${viewer.user.id}`, { cookie, body: { role: 'admin' } }), 403);
    }
    expectApiError(await t.request('GET', '/api/v1/users'), 401);
    expect((await t.request('GET', '/api/v1/me', { cookie: viewer.cookie })).json.user.role).toBe('viewer');
  });

  it('deactivating a user ends their sessions and tokens and refuses sign-in; nothing is deleted', async () => {
    const admin = await t.signedInUser('admin');
    const target = await t.signedInUser('responder');
    const { json: token } = await t.request('POST', '/api/v1/me/tokens', { cookie: target.cookie, body: { name: 'cli' } });
    expect((await t.request('GET', '/api/v1/me', { token: token.token })).status).toBe(200);

    const res = await t.request('PATCH', `/api/v1/users/${target.user.id}`, { cookie: admin.cookie, body: { active: false } });
    expect(res.status).toBe(200);
    expect(res.json.active).toBe(false);
    expectApiError(await t.request('GET', '/api/v1/me', { cookie: target.cookie }), 401);
    expectApiError(await t.request('GET', '/api/v1/me', { token: token.token }), 401);
    expectApiError(await t.request('POST', '/api/v1/auth/login', { body: { email: target.email, password: testPassword } }), 401);
    const listed = (await t.request('GET', '/api/v1/users', { cookie: admin.cookie })).json.items;
    expect(listed.find((u: { id: string }) => u.id === target.user.id)).toMatchObject({ active: false });

    // Reactivation lets them sign in again but does not bring old credentials back.
    await t.request('PATCH', `/api/v1/users/${target.user.id}`, { cookie: admin.cookie, body: { active: true } });
    expectApiError(await t.request('GET', '/api/v1/me', { cookie: target.cookie }), 401);
    expectApiError(await t.request('GET', '/api/v1/me', { token: token.token }), 401);
    expect((await t.login(target.email)).length).toBeGreaterThan(0);
  });

  it('changes name, role and password; a new password ends old sessions', async () => {
    const admin = await t.signedInUser('admin');
    const target = await t.signedInUser('viewer');
    const res = await t.request('PATCH', `/api/v1/users/${target.user.id}`, {
      cookie: admin.cookie,
      body: { name: 'Renamed', role: 'responder', password: 'a brand new password' },
    });
    expect(res.json).toMatchObject({ name: 'Renamed', role: 'responder', active: true });
    expectApiError(await t.request('GET', '/api/v1/me', { cookie: target.cookie }), 401);
    expectApiError(await t.request('POST', '/api/v1/auth/login', { body: { email: target.email, password: testPassword } }), 401);
    const cookie = await t.login(target.email, 'a brand new password');
    expect((await t.request('GET', '/api/v1/me', { cookie })).json.user).toMatchObject({ name: 'Renamed', role: 'responder' });
  });

  it('a role change applies to existing sessions at once', async () => {
    const admin = await t.signedInUser('admin');
    const target = await t.signedInUser('admin');
    await t.request('PATCH', `/api/v1/users/${target.user.id}`, { cookie: admin.cookie, body: { role: 'viewer' } });
    expectApiError(await t.request('POST', '/api/v1/teams', { cookie: target.cookie, body: { name: 'ops' } }), 403);
  });

  it('an admin cannot deactivate or demote themselves (409)', async () => {
    const admin = await t.signedInUser('admin');
    for (const body of [{ active: false }, { role: 'responder' }]) {
      expectApiError(await t.request('PATCH', `/api/v1/users/${admin.user.id}`, { cookie: admin.cookie, body }), 409, 'conflict');
    }
    expect((await t.request('GET', '/api/v1/me', { cookie: admin.cookie })).json.user).toMatchObject({ role: 'admin', active: true });
  });

  it('PATCH of an unknown user is 404 and an empty PATCH is 400', async () => {
    const admin = await t.signedInUser('admin');
    expectApiError(await t.request('PATCH', '/api/v1/users/no-such-user', { cookie: admin.cookie, body: { name: 'X' } }), 404, 'not_found');
    expectApiError(await t.request('PATCH', `/api/v1/users/${admin.user.id}`, { cookie: admin.cookie, body: {} }), 400);
  });
});

describe('teams', () => {
  it('an admin creates a team, adds and removes members; everyone may read it', async () => {
    const admin = await t.signedInUser('admin');
    const viewer = await t.signedInUser('viewer', 'Vera');
    const created = await t.request('POST', '/api/v1/teams', { cookie: admin.cookie, body: { name: 'Payments', description: 'money' } });
    expect(created.status).toBe(201);
    expect(created.json).toEqual({ id: expect.any(String), name: 'Payments', description: 'money', createdAt: t.clock.now().toISOString(), members: [] });
    const teamId = created.json.id;

    const added = await t.request('POST', `/api/v1/teams/${teamId}/members`, { cookie: admin.cookie, body: { userId: viewer.user.id } });
    expect(added.status).toBe(201);
    expect(added.json.members).toEqual([{ id: viewer.user.id, name: 'Vera', email: viewer.email }]);
    // Adding again is harmless.
    await t.request('POST', `/api/v1/teams/${teamId}/members`, { cookie: admin.cookie, body: { userId: viewer.user.id } });

    const read = await t.request('GET', `/api/v1/teams/${teamId}`, { cookie: viewer.cookie });
    expect(read.json.members).toHaveLength(1);
    const list = await t.request('GET', '/api/v1/teams', { cookie: viewer.cookie });
    expect(list.json.items.map((team: { id: string }) => team.id)).toEqual([teamId]);

    expect((await t.request('DELETE', `/api/v1/teams/${teamId}/members/${viewer.user.id}`, { cookie: admin.cookie })).status).toBe(204);
    expect((await t.request('GET', `/api/v1/teams/${teamId}`, { cookie: viewer.cookie })).json.members).toEqual([]);
    expectApiError(await t.request('DELETE', `/api/v1/teams/${teamId}/members/${viewer.user.id}`, { cookie: admin.cookie }), 404);
  });

  it('refuses a duplicate team name (409)', async () => {
    const admin = await t.signedInUser('admin');
    await t.request('POST', '/api/v1/teams', { cookie: admin.cookie, body: { name: 'SRE' } });
    expectApiError(await t.request('POST', '/api/v1/teams', { cookie: admin.cookie, body: { name: ' SRE ' } }), 409, 'conflict');
  });

  it('responders and viewers cannot manage teams (403)', async () => {
    const admin = await t.signedInUser('admin');
    const team = (await t.request('POST', '/api/v1/teams', { cookie: admin.cookie, body: { name: 'DB' } })).json;
    for (const role of ['responder', 'viewer'] as const) {
      const { cookie, user } = await t.signedInUser(role);
      expectApiError(await t.request('POST', '/api/v1/teams', { cookie, body: { name: `by ${role}` } }), 403, 'forbidden');
      expectApiError(await t.request('POST', `/api/v1/teams/${team.id}/members`, { cookie, body: { userId: user.id } }), 403);
      expectApiError(await t.request('DELETE', `/api/v1/teams/${team.id}/members/${user.id}`, { cookie }), 403);
    }
    expect((await t.request('GET', `/api/v1/teams/${team.id}`, { cookie: admin.cookie })).json.members).toEqual([]);
  });

  it('unknown team or user ids are 404', async () => {
    const admin = await t.signedInUser('admin');
    const team = (await t.request('POST', '/api/v1/teams', { cookie: admin.cookie, body: { name: 'Edge' } })).json;
    expectApiError(await t.request('GET', '/api/v1/teams/nope', { cookie: admin.cookie }), 404);
    expectApiError(await t.request('POST', '/api/v1/teams/nope/members', { cookie: admin.cookie, body: { userId: admin.user.id } }), 404);
    expectApiError(await t.request('POST', `/api/v1/teams/${team.id}/members`, { cookie: admin.cookie, body: { userId: 'nobody' } }), 404);
  });
});
