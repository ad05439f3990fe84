import { createECDH, randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, expectApiError, type TestApp, type TestResponse } from '../helpers/test-app';

let t: TestApp;
let admin: { cookie: string; user: { id: string } };
beforeEach(async () => {
  t = await createTestApp();
  admin = await t.signedInUser('admin');
});
afterEach(() => t.close());

/** What the refused request's 400 must say about `field`. */
async function expectFieldRefused(res: Promise<TestResponse>, field: string) {
  const error = expectApiError(await res, 400, 'bad_request');
  expect(error.message).toMatch(new RegExp(`(^|[ ;])${field.replaceAll('.', '\\.')}: `));
  return error;
}

const incidentTitle = async (id: string) => (await t.request('GET', `/api/v1/incidents/${id}`, { cookie: admin.cookie })).json.title;

describe('control characters', () => {
  it.each([
    ['NUL', 'disk\u0000full'],
    ['BEL', 'disk full\u0007'],
    ['ESC (a terminal colour sequence)', '\u001b[31mdisk full\u001b[0m'],
    ['DEL', 'disk\u007ffull'],
    ['C1 CSI', 'disk\u009bfull'],
    ['a newline', 'disk\nfull'],
    ['a tab', 'disk\tfull'],
    ['a trailing newline', 'disk full\n'],
  ])('an incident title with %s is refused with 400 naming title, on create and edit', async (_, title) => {
    const service = await t.createService(admin.cookie);
    const message = (await expectFieldRefused(t.request('POST', '/api/v1/incidents', { cookie: admin.cookie, body: { serviceId: service.id, title, severity: 'SEV-2' } }), 'title')).message;
    expect(message).toContain('control characters');
    expect((await t.request('GET', '/api/v1/incidents', { cookie: admin.cookie })).json.items).toEqual([]);

    const incident = await t.createIncident(admin.cookie, { serviceId: service.id, title: 'disk full' });
    await expectFieldRefused(t.request('PATCH', `/api/v1/incidents/${incident.id}`, { cookie: admin.cookie, body: { title } }), 'title');
    expect(await incidentTitle(incident.id)).toBe('disk full');
  });

  it('a note keeps tabs and newlines, stores CRLF as LF, and refuses a lone CR and other control characters', async () => {
    const service = await t.createService(admin.cookie);
    const incident = await t.createIncident(admin.cookie, { serviceId: service.id });
    const notes = `/api/v1/incidents/${incident.id}/notes`;
    const kept = await t.request('POST', notes, { cookie: admin.cookie, body: { text: 'steps:\n\t1. restart\r\n\t2. watch' } });
    expect(kept.status, kept.text).toBe(201);
    expect(kept.json.data.text).toBe('steps:\n\t1. restart\n\t2. watch');

    for (const text of ['over\rwritten', 'nul\u0000', 'bell\u0007', '\u001b]8;;https://evil.example\u0007link']) {
      const error = await expectFieldRefused(t.request('POST', notes, { cookie: admin.cookie, body: { text } }), 'text');
      expect(error.message).toContain('other than tab and newline');
    }
    const timeline = (await t.request('GET', `/api/v1/incidents/${incident.id}`, { cookie: admin.cookie })).json.timeline;
    expect(timeline.filter((event: { type: string }) => event.type === 'note')).toHaveLength(1);
  });

  it('an incident description keeps newlines but refuses NUL', async () => {
    const service = await t.createService(admin.cookie);
    const ok = await t.request('POST', '/api/v1/incidents', { cookie: admin.cookie, body: { serviceId: service.id, title: 'slow', severity: 'SEV-3', description: 'p99 up\n\tsince 09:00' } });
    expect(ok.status, ok.text).toBe(201);
    expect(ok.json.description).toBe('p99 up\n\tsince 09:00');
    await expectFieldRefused(
      t.request('POST', '/api/v1/incidents', { cookie: admin.cookie, body: { serviceId: service.id, title: 'slow', severity: 'SEV-3', description: 'a\u0000b' } }),
      'description',
    );
  });
});

describe('invalid Unicode', () => {
  it.each([
    ['a lone high surrogate', '\ud800'],
    ['a lone low surrogate', 'api \udc00'],
    ['a reversed pair', 'api \udc00\ud800'],
  ])('a service name with %s is refused with 400 naming name, and nothing is stored', async (_, name) => {
    const error = await expectFieldRefused(t.request('POST', '/api/v1/services', { cookie: admin.cookie, body: { name } }), 'name');
    expect(error.message).toContain('valid Unicode');
    const service = await t.createService(admin.cookie, { name: 'checkout' });
    await expectFieldRefused(t.request('PATCH', `/api/v1/services/${service.id}`, { cookie: admin.cookie, body: { name } }), 'name');
    expect((await t.request('GET', '/api/v1/services', { cookie: admin.cookie })).json.items.map((s: { name: string }) => s.name)).toEqual(['checkout']);
  });

  it('keeps well-formed text beyond the BMP, as sent', async () => {
    const name = 'checkout 🔥 – Zahlungen 支付';
    expect((await t.createService(admin.cookie, { name })).name).toBe(name);
    expect((await t.request('GET', '/api/v1/services', { cookie: admin.cookie })).json.items[0].name).toBe(name);
  });

  it('refuses a body that is not valid UTF-8 instead of storing replacement characters', async () => {
    const service = await t.createService(admin.cookie);
    const token = (await t.request('POST', '/api/v1/me/tokens', { cookie: admin.cookie, body: { name: 'script' } })).json.token;
    const json = Buffer.from(JSON.stringify({ serviceId: service.id, title: 'disk XX full', severity: 'SEV-2' }));
    const body = Buffer.from(json.toString('latin1').replace('XX', '\xff\xfe'), 'latin1');
    // With an Idempotency-Key too: that middleware reads the body as text before the route validates it.
    for (const extra of [{}, { 'Idempotency-Key': 'bad-bytes' }] as Record<string, string>[]) {
      const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...extra };
      const res = await t.app.request('/api/v1/incidents', { method: 'POST', headers, body });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: { code: 'bad_request', message: 'request body is not valid UTF-8' } });
    }
    expect((await t.request('GET', '/api/v1/incidents', { cookie: admin.cookie })).json.items).toEqual([]);
  });
});

describe('every text field follows the same rule', () => {
  const nul = 'x\u0000y';
  const surrogate = 'x\ud800y';
  const p256dh = () => createECDH('prime256v1').generateKeys().toString('base64url');

  /** [method, path, the field as the 400 names it, a body with the bad value in that field]. */
  const cases: Array<[string, string, string, (bad: string, ids: { user: string }) => Record<string, unknown>]> = [
    ['POST', '/api/v1/users', 'name', (bad) => ({ email: 'new@example.com', name: bad, password: 'long enough password', role: 'viewer' })],
    ['POST', '/api/v1/users', 'email', (bad) => ({ email: `new${bad}@example.com`, name: 'New', password: 'long enough password', role: 'viewer' })],
    ['POST', '/api/v1/teams', 'name', (bad) => ({ name: bad })],
    ['POST', '/api/v1/teams', 'description', (bad) => ({ name: 'Web', description: bad })],
    ['POST', '/api/v1/services', 'description', (bad) => ({ name: 'api', description: bad })],
    ['POST', '/api/v1/me/tokens', 'name', (bad) => ({ name: bad })],
    ['POST', '/api/v1/escalation-policies', 'name', (bad, ids) => ({ name: bad, repeat: 0, steps: [{ delaySeconds: 60, targets: [{ type: 'user', id: ids.user }] }] })],
    ['POST', '/api/v1/escalation-policies', 'description', (bad, ids) => ({ name: 'p', description: bad, repeat: 0, steps: [{ delaySeconds: 60, targets: [{ type: 'user', id: ids.user }] }] })],
    ['POST', '/api/v1/escalation-policies', 'steps.0.targets.0.id', (bad) => ({ name: 'p', repeat: 0, steps: [{ delaySeconds: 60, targets: [{ type: 'user', id: bad }] }] })],
    ['POST', '/api/v1/schedules', 'name', (bad, ids) => schedule(ids.user, { name: bad })],
    ['POST', '/api/v1/schedules', 'description', (bad, ids) => schedule(ids.user, { description: bad })],
    ['POST', '/api/v1/schedules', 'timeZone', (bad, ids) => schedule(ids.user, { timeZone: `Europe/Berlin${bad}` })],
    ['POST', '/api/v1/schedules', 'layers.0.name', (bad, ids) => ({ ...schedule(ids.user), layers: [{ ...schedule(ids.user).layers[0], name: bad }] })],
    ['POST', '/api/v1/push/subscriptions', 'label', (bad) => ({ endpoint: 'https://push.example/x', keys: { p256dh: p256dh(), auth: randomBytes(16).toString('base64url') }, label: bad })],
  ];

  function schedule(userId: string, overrides: Record<string, unknown> = {}) {
    const layer = { users: [userId], startDate: '2026-03-01', handoffTime: '09:00', shift: { length: 1, unit: 'weeks' } };
    return { name: 'primary', timeZone: 'Europe/Berlin', layers: [layer], ...overrides };
  }

  it.each(cases)('%s %s refuses NUL and a lone surrogate in %s', async (method, path, field, body) => {
    const { user } = await t.createAccount('responder');
    for (const bad of [nul, surrogate]) await expectFieldRefused(t.request(method, path, { cookie: admin.cookie, body: body(bad, { user: user.id }) }), field);
  });
});
