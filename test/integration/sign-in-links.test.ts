import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enqueue, triggerEvent } from '../helpers/events';
import { createTestApp, expectApiError, testPassword, type TestApp } from '../helpers/test-app';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const tokenOf = (url: string) => new URL(url).pathname.split('/').pop()!;
const chosen = 'a password Dana chose';

async function invite(adminCookie: string, email = 'dana@example.com') {
  const res = await t.request('POST', '/api/v1/users', { cookie: adminCookie, body: { email, name: 'Dana', role: 'responder' } });
  expect(res.status).toBe(201);
  return res.json;
}

describe('sign-in links', () => {
  it('a link points at PUBLIC_URL, where phones open the app', async () => {
    const behindProxy = await createTestApp({ publicUrl: 'https://muster.example.com' });
    try {
      const admin = await behindProxy.signedInUser('admin');
      const body = { email: 'dana@example.com', name: 'Dana', role: 'responder' };
      const res = await behindProxy.request('POST', '/api/v1/users', { cookie: admin.cookie, origin: 'https://muster.example.com', body });
      expect(res.json.signInLink.url).toMatch(/^https:\/\/muster\.example\.com\/welcome\/[\w-]{32,}$/);
    } finally {
      await behindProxy.close();
    }
  });

  it('a user created without a password gets a 7-day link; it signs them in once with the password they choose', async () => {
    const admin = await t.signedInUser('admin');
    const dana = await invite(admin.cookie);
    const expiresAt = new Date(t.clock.now().getTime() + 7 * 86_400_000).toISOString();
    expect(dana).toMatchObject({ email: 'dana@example.com', hasPassword: false, signInLink: { purpose: 'invite', expiresAt } });
    expect(dana.signInLink.url).toMatch(/^http:\/\/localhost\/welcome\/[\w-]{32,}$/);
    expectApiError(await t.request('POST', '/api/v1/auth/login', { body: { email: 'dana@example.com', password: '' } }), 400);

    const token = tokenOf(dana.signInLink.url);
    const info = await t.request('GET', `/api/v1/auth/sign-in-links/${token}`);
    expect(info.json).toEqual({ email: 'dana@example.com', name: 'Dana', purpose: 'invite', expiresAt });

    const redeemed = await t.request('POST', `/api/v1/auth/sign-in-links/${token}`, { body: { password: chosen } });
    expect(redeemed.status).toBe(200);
    expect(redeemed.json.user).toMatchObject({ id: dana.id, hasPassword: true });
    const cookie = redeemed.headers.get('Set-Cookie')!.split(';')[0];
    expect((await t.request('GET', '/api/v1/me', { cookie })).json.user.id).toBe(dana.id);
    expect((await t.login('dana@example.com', chosen)).length).toBeGreaterThan(0);

    expect(expectApiError(await t.request('GET', `/api/v1/auth/sign-in-links/${token}`), 404, 'not_found').message).toMatch(/already used or expired/);
    expectApiError(await t.request('POST', `/api/v1/auth/sign-in-links/${token}`, { body: { password: 'another password here' } }), 404);
    expect((await t.login('dana@example.com', chosen)).length).toBeGreaterThan(0);
  });

  it('the link is shown once: replaying the create with its Idempotency-Key answers without it', async () => {
    const admin = await t.signedInUser('admin');
    const body = { email: 'erin@example.com', name: 'Erin', role: 'viewer' };
    const first = await t.request('POST', '/api/v1/users', { cookie: admin.cookie, body, headers: { 'Idempotency-Key': 'invite-erin' } });
    const replay = await t.request('POST', '/api/v1/users', { cookie: admin.cookie, body, headers: { 'Idempotency-Key': 'invite-erin' } });
    expect(first.json.signInLink.url).toMatch(/welcome/);
    expect(replay.json).toEqual({ ...first.json, signInLink: undefined });
    expect(replay.text).not.toContain('welcome');
  });

  it('expires after 7 days', async () => {
    const admin = await t.signedInUser('admin');
    const token = tokenOf((await invite(admin.cookie)).signInLink.url);
    t.clock.advance(7 * 86_400_000);
    expectApiError(await t.request('GET', `/api/v1/auth/sign-in-links/${token}`), 404);
    expectApiError(await t.request('POST', `/api/v1/auth/sign-in-links/${token}`, { body: { password: chosen } }), 404);
  });

  it('a reset link replaces the earlier link, and redeeming it ends every session of that user', async () => {
    const admin = await t.signedInUser('admin');
    const bob = await t.signedInUser('responder');
    const first = await t.request('POST', `/api/v1/users/${bob.user.id}/sign-in-link`, { cookie: admin.cookie });
    expect(first.status).toBe(201);
    expect(first.json.purpose).toBe('reset');
    const second = await t.request('POST', `/api/v1/users/${bob.user.id}/sign-in-link`, { cookie: admin.cookie });
    expectApiError(await t.request('GET', `/api/v1/auth/sign-in-links/${tokenOf(first.json.url)}`), 404);

    expect((await t.request('POST', `/api/v1/auth/sign-in-links/${tokenOf(second.json.url)}`, { body: { password: chosen } })).status).toBe(200);
    expectApiError(await t.request('GET', '/api/v1/me', { cookie: bob.cookie }), 401);
    await expect(t.login(bob.email)).rejects.toThrow(/401/);
    expect((await t.login(bob.email, chosen)).length).toBeGreaterThan(0);
  });

  it('only admins issue links; a deactivated user gets none and cannot use one issued before', async () => {
    const admin = await t.signedInUser('admin');
    const responder = await t.signedInUser('responder');
    expectApiError(await t.request('POST', `/api/v1/users/${responder.user.id}/sign-in-link`, { cookie: responder.cookie }), 403);
    expectApiError(await t.request('POST', '/api/v1/users/nobody/sign-in-link', { cookie: admin.cookie }), 404);
    const dana = await invite(admin.cookie);
    await t.request('PATCH', `/api/v1/users/${dana.id}`, { cookie: admin.cookie, body: { active: false } });
    expectApiError(await t.request('POST', `/api/v1/auth/sign-in-links/${tokenOf(dana.signInLink.url)}`, { body: { password: chosen } }), 404);
    expect(expectApiError(await t.request('POST', `/api/v1/users/${dana.id}/sign-in-link`, { cookie: admin.cookie }), 403, 'forbidden').message).toMatch(/deactivated/);
  });

  it('refuses a short password, naming the field, and keeps the link usable', async () => {
    const admin = await t.signedInUser('admin');
    const token = tokenOf((await invite(admin.cookie)).signInLink.url);
    expect(expectApiError(await t.request('POST', `/api/v1/auth/sign-in-links/${token}`, { body: { password: 'short' } }), 400, 'bad_request').message).toMatch(/password/);
    expect((await t.request('GET', `/api/v1/auth/sign-in-links/${token}`)).status).toBe(200);
  });
});

describe('my profile', () => {
  it('anyone changes their own name and time zone; a bad zone is a 400 naming it', async () => {
    const viewer = await t.signedInUser('viewer');
    const res = await t.request('PATCH', '/api/v1/me', { cookie: viewer.cookie, body: { name: 'Vera', timeZone: 'Europe/Berlin' } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ name: 'Vera', timeZone: 'Europe/Berlin', role: 'viewer' });
    expect((await t.request('GET', '/api/v1/me', { cookie: viewer.cookie })).json.user.timeZone).toBe('Europe/Berlin');
    expect(expectApiError(await t.request('PATCH', '/api/v1/me', { cookie: viewer.cookie, body: { timeZone: 'Mars/Olympus' } }), 400, 'bad_request').message).toMatch(/timeZone/);
    expectApiError(await t.request('PATCH', '/api/v1/me', { cookie: viewer.cookie, body: { role: 'admin' } }), 400);
    expect((await t.request('PATCH', '/api/v1/me', { cookie: viewer.cookie, body: { timeZone: null } })).json.timeZone).toBeNull();
  });

  it('changing the password needs the current one and signs out the other sessions, not this one', async () => {
    const { email } = await t.createAccount('responder');
    const here = await t.login(email);
    const elsewhere = await t.login(email);
    expect(expectApiError(await t.request('POST', '/api/v1/me/password', { cookie: here, body: { currentPassword: 'wrong one', newPassword: chosen } }), 400, 'bad_request').message).toMatch(/current password/);
    expect((await t.request('GET', '/api/v1/me', { cookie: elsewhere })).status).toBe(200);

    const res = await t.request('POST', '/api/v1/me/password', { cookie: here, body: { currentPassword: testPassword, newPassword: chosen } });
    expect(res.status).toBe(204);
    const renewed = res.headers.get('Set-Cookie')!.split(';')[0];
    expect((await t.request('GET', '/api/v1/me', { cookie: renewed })).status).toBe(200);
    expectApiError(await t.request('GET', '/api/v1/me', { cookie: elsewhere }), 401);
    expect((await t.login(email, chosen)).length).toBeGreaterThan(0);
  });
});

describe('renaming teams', () => {
  it('an admin renames a team; a taken name is a 409 and changes nothing', async () => {
    const admin = await t.signedInUser('admin');
    const web = (await t.request('POST', '/api/v1/teams', { cookie: admin.cookie, body: { name: 'Web' } })).json;
    await t.request('POST', '/api/v1/teams', { cookie: admin.cookie, body: { name: 'Data' } });
    const renamed = await t.request('PATCH', `/api/v1/teams/${web.id}`, { cookie: admin.cookie, body: { name: 'Frontend', description: 'the app' } });
    expect(renamed.json).toMatchObject({ id: web.id, name: 'Frontend', description: 'the app' });
    expect(expectApiError(await t.request('PATCH', `/api/v1/teams/${web.id}`, { cookie: admin.cookie, body: { name: 'Data' } }), 409, 'conflict').message).toMatch(/Data/);
    expect((await t.request('GET', `/api/v1/teams/${web.id}`, { cookie: admin.cookie })).json.name).toBe('Frontend');
    const responder = await t.signedInUser('responder');
    expectApiError(await t.request('PATCH', `/api/v1/teams/${web.id}`, { cookie: responder.cookie, body: { name: 'X' } }), 403);
    expectApiError(await t.request('PATCH', '/api/v1/teams/none', { cookie: admin.cookie, body: { name: 'X' } }), 404);
  });
});

describe('deleting and archiving services', () => {
  it('deletes a service no incident refers to, with its heartbeats', async () => {
    const admin = await t.signedInUser('admin');
    const service = await t.createService(admin.cookie);
    await t.request('POST', `/api/v1/services/${service.id}/heartbeats`, { cookie: admin.cookie, body: { name: 'cron', intervalSeconds: 3600 } });
    expect((await t.request('DELETE', `/api/v1/services/${service.id}`, { cookie: admin.cookie })).status).toBe(204);
    expectApiError(await t.request('GET', `/api/v1/services/${service.id}`, { cookie: admin.cookie }), 404);
    expectApiError(await t.request('DELETE', `/api/v1/services/${service.id}`, { cookie: admin.cookie }), 404);
  });

  it('refuses to delete a service incidents refer to, saying how many and to archive it', async () => {
    const admin = await t.signedInUser('admin');
    const service = await t.createService(admin.cookie, { name: 'Checkout' });
    await t.createIncident(admin.cookie, { serviceId: service.id });
    await t.createIncident(admin.cookie, { serviceId: service.id });
    expect(expectApiError(await t.request('DELETE', `/api/v1/services/${service.id}`, { cookie: admin.cookie }), 409, 'conflict').message).toMatch(/2 incidents refer to service Checkout; archive it/);
    expect((await t.request('GET', `/api/v1/services/${service.id}`, { cookie: admin.cookie })).status).toBe(200);
    const responder = await t.signedInUser('responder');
    expectApiError(await t.request('DELETE', `/api/v1/services/${service.id}`, { cookie: responder.cookie }), 403);
  });

  it('an archived service keeps its incidents, opens no new ones from the app or monitoring tools, and can be restored', async () => {
    const admin = await t.signedInUser('admin');
    const service = await t.createService(admin.cookie, { name: 'Legacy' });
    const incident = await t.createIncident(admin.cookie, { serviceId: service.id });
    expect((await enqueue(t, triggerEvent(service.integrationKey, { dedup_key: 'before' }))).status).toBe(202);

    const archived = await t.request('PATCH', `/api/v1/services/${service.id}`, { cookie: admin.cookie, body: { archived: true } });
    expect(archived.json.archivedAt).toBe(t.clock.now().toISOString());
    expect(expectApiError(await t.request('POST', '/api/v1/incidents', { cookie: admin.cookie, body: { serviceId: service.id, title: 'new', severity: 'SEV-3' } }), 409, 'conflict').message).toMatch(/archived/);
    expect((await enqueue(t, triggerEvent(service.integrationKey, { dedup_key: 'after' }))).status).toBe(400);
    expect((await t.request('GET', `/api/v1/incidents/${incident.id}`, { cookie: admin.cookie })).status).toBe(200);

    const restored = await t.request('PATCH', `/api/v1/services/${service.id}`, { cookie: admin.cookie, body: { archived: false } });
    expect(restored.json.archivedAt).toBeNull();
    expect((await enqueue(t, triggerEvent(service.integrationKey, { dedup_key: 'restored' }))).status).toBe(202);
  });
});

describe('setup progress', () => {
  it('counts what the first-run guide ticks, and knows when a monitoring tool has sent something', async () => {
    const admin = await t.signedInUser('admin');
    const progress = () => t.request('GET', '/api/v1/setup-progress', { cookie: admin.cookie }).then((res) => res.json);
    expect(await progress()).toEqual({ services: 0, pagingServices: 0, activeUsers: 1, schedules: 0, policies: 0, monitoringConnected: false, pageDelivered: false, unreachableUsers: 1 });

    const ada = await t.signedInUser('responder');
    const policy = await t.request('POST', '/api/v1/escalation-policies', {
      cookie: admin.cookie,
      body: { name: 'Primary', repeat: 0, steps: [{ delaySeconds: 300, targets: [{ type: 'user', id: ada.user.id }] }] },
    });
    const service = await t.createService(admin.cookie, { escalationPolicyId: policy.json.id });
    await t.createService(admin.cookie);
    expect(await progress()).toMatchObject({ services: 2, pagingServices: 1, activeUsers: 2, policies: 1, monitoringConnected: false });

    await enqueue(t, triggerEvent(service.integrationKey));
    expect(await progress()).toMatchObject({ monitoringConnected: true });
    expectApiError(await t.request('GET', '/api/v1/setup-progress'), 401);
  });

  it('lists the responders and admins a page cannot reach, for everyone to see', async () => {
    const admin = await t.signedInUser('admin', 'Zoe Admin');
    const ada = await t.signedInUser('responder', 'Ada');
    await t.signedInUser('responder', 'Bob');
    await t.signedInUser('viewer', 'Vic');
    const gone = await t.signedInUser('responder', 'Gus');
    await t.request('PATCH', `/api/v1/users/${gone.user.id}`, { cookie: admin.cookie, body: { active: false } });
    await t.addDevice(ada.user.id);

    const res = await t.request('GET', '/api/v1/on-call/unreachable', { cookie: ada.cookie });
    expect(res.json.items.map((person: { name: string; why: string }) => `${person.name}: ${person.why}`)).toEqual([
      'Bob: no device, no contact method',
      'Zoe Admin: no device, no contact method',
    ]);
    expect((await t.request('GET', '/api/v1/setup-progress', { cookie: admin.cookie })).json.unreachableUsers).toBe(2);
    expectApiError(await t.request('GET', '/api/v1/on-call/unreachable'), 401);
  });
});
