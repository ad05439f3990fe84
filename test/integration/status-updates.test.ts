import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ContactMethod } from '../../shared/api/contact-methods';
import type { NoticePayload } from '../../shared/api/push';
import { createMailer, type Mailer } from '../../server/channels/mailer';
import { updateIncidentRow } from '../../server/db/stores/incidents';
import { pagingFixture, type PagingFixture } from '../helpers/paging';
import { startPushEndpoint, type PushEndpoint } from '../helpers/push-endpoint';
import { startSmtpReceiver, type SmtpReceiver } from '../helpers/smtp-receiver';
import { createTestApp, expectApiError, type TestApp } from '../helpers/test-app';

// Status updates reach followers as push notices (decrypted by the local push service) and, where they asked, by
// email (a real SMTP receiver); reminders run on the fake clock. `notices()` returns exactly the notices since
// the last call, so any unexpected one fails.

let push: PushEndpoint;
let smtp: SmtpReceiver;
let mailer: Mailer;
let t: TestApp;
let p: PagingFixture;
let seen = 0;

beforeAll(async () => {
  [push, smtp] = await Promise.all([startPushEndpoint(), startSmtpReceiver()]);
  mailer = createMailer({ smtpUrl: smtp.smtpUrl, from: 'Muster <muster@example.com>' });
});
afterAll(async () => {
  mailer.close();
  await Promise.all([push.close(), smtp.close()]);
});
beforeEach(async () => {
  t = await createTestApp({ pushAllowedHosts: [push.host], pushAgent: push.agent, mailer, publicUrl: 'http://localhost' });
  p = await pagingFixture(t, push);
  seen = push.received.length;
});
afterEach(() => t.close());

/** Notices received since the last call, as "<device> <title>: <body>"; pages are left to `p.take()`. */
function notices(): string[] {
  const fresh = push.received.slice(seen);
  seen = push.received.length;
  return fresh
    .map((message) => ({ label: message.label, payload: JSON.parse(message.payload ?? '{}') as NoticePayload, urgency: message.headers.urgency }))
    .filter(({ payload }) => payload.type === 'notice')
    .map(({ label, payload, urgency }) => `${label} ${urgency} ${payload.title}: ${payload.body}`)
    .sort();
}

async function ok(res: Promise<{ status: number; json: any; text: string }>, status = 200) {
  const done = await res;
  expect(done.status, done.text).toBe(status);
  return done.json;
}

async function verifiedEmail(cookie: string, address: string): Promise<ContactMethod> {
  const method = await ok(t.request('POST', '/api/v1/me/contact-methods', { cookie, body: { type: 'email', address } }), 201);
  const code = /code is (\d{6})/.exec(smtp.lastTo(address)?.subject ?? '')![1];
  return ok(t.request('POST', `/api/v1/me/contact-methods/${method.id}/verify`, { cookie, body: { code } }));
}

/**
 * Ada is paged for a SEV-1 on the checkout service; Bob follows the incident and is paged too (second target);
 * Sam follows the incident without being part of the response; Sue follows the whole service, by email too.
 */
async function scenario(severity = 'SEV-1') {
  const ada = await p.responder('Ada');
  const bob = await p.responder('Bob');
  const sam = await p.responder('Sam');
  const sue = await p.responder('Sue');
  const policy = await p.policy([{ delaySeconds: 3600, targets: [{ type: 'user', id: ada.user.id }, { type: 'user', id: bob.user.id }] }]);
  const service = await p.serviceWithPolicy(policy);
  const address = `sue${t.unique()}@example.com`;
  await verifiedEmail(sue.cookie, address);
  await ok(t.request('POST', `/api/v1/services/${service.id}/follow`, { cookie: sue.cookie, body: { viaContactMethods: true } }));
  const incident = await p.trigger(service.id, { severity, title: 'Checkout is down' });
  p.take();
  await ok(t.request('POST', `/api/v1/incidents/${incident.id}/follow`, { cookie: bob.cookie, body: {} }));
  await ok(t.request('POST', `/api/v1/incidents/${incident.id}/follow`, { cookie: sam.cookie, body: {} }));
  notices();
  return { ada, bob, sam, sue, service, incident, address };
}

const post = (incidentId: string, cookie: string, body: unknown, headers: Record<string, string> = {}) =>
  t.request('POST', `/api/v1/incidents/${incidentId}/status-updates`, { cookie, body, headers });

describe('posting a status update', () => {
  it('answers 201 with the timeline event and restarts the update clock', async () => {
    const { ada, incident } = await scenario();
    t.clock.advance(10 * 60_000);
    const res = await post(incident.id, ada.cookie, { text: '  Payments fail for 30 % of users; rolling back.  ', audience: 'stakeholders' });
    expect(res.status, res.text).toBe(201);
    expect(res.json).toEqual({
      id: expect.any(String),
      type: 'status_update',
      at: t.clock.now().toISOString(),
      actor: { type: 'user', id: ada.user.id, name: 'Ada' },
      data: { text: 'Payments fail for 30 % of users; rolling back.', audience: 'stakeholders' },
    });
    const detail = await ok(t.request('GET', `/api/v1/incidents/${incident.id}`, { cookie: ada.cookie }));
    expect(detail).toMatchObject({
      following: false,
      updateCadenceMinutes: 30,
      lastStatusUpdateAt: t.clock.now().toISOString(),
      nextUpdateDueAt: new Date(t.clock.now().getTime() + 30 * 60_000).toISOString(),
    });
    expect(detail.followers.map((f: any) => `${f.name}${f.viaService ? ' (service)' : ''}`)).toEqual(['Bob', 'Sam', 'Sue (service)']);
    expect(detail.timeline.at(-1)).toEqual(res.json);
  });

  it('sends stakeholder updates to every follower but the author, by push and to those who asked by email', async () => {
    const { ada, incident, address } = await scenario();
    // Acknowledging stops paging but never withholds updates.
    await ok(t.request('POST', `/api/v1/incidents/${incident.id}/acknowledge`, { cookie: ada.cookie }));
    await ok(post(incident.id, ada.cookie, { text: 'Rolled back; error rate falling.', audience: 'stakeholders' }), 201);
    await t.engine.runOnce();
    // No Topic: a notice sharing the page's topic would replace a page still queued for a dozing phone.
    expect(push.received.slice(seen).map((m) => m.headers.topic)).toEqual([null, null, null]);
    expect(notices()).toEqual([
      `Bob-1 normal Update on #${incident.number} · ${(await serviceName(incident.id))}: Rolled back; error rate falling.`,
      `Sam-1 normal Update on #${incident.number} · ${(await serviceName(incident.id))}: Rolled back; error rate falling.`,
      `Sue-1 normal Update on #${incident.number} · ${(await serviceName(incident.id))}: Rolled back; error rate falling.`,
    ]);
    const mails = smtp.received.filter((m) => m.to.includes(address) && !/code is/.test(m.mail.subject ?? ''));
    expect(mails.map((m) => m.mail.subject)).toEqual([`[Muster] Update on #${incident.number}: Checkout is down`]);
    expect(mails[0].mail.text).toContain('Rolled back; error rate falling.');
    expect(mails[0].mail.text).toContain(`Open the incident: http://localhost/incidents/${incident.id}`);
    // Nobody else got mail, and the timeline records no page for a notice.
    const timeline = await p.timeline(incident.id);
    expect(timeline.filter((e) => ['paged', 'page_delivered'].includes(e.type)).every((e) => ['Ada', 'Bob'].includes(e.data.user as string))).toBe(true);
  });

  it('sends internal updates only to followers in the response: role holders and the paged', async () => {
    const { ada, sam, incident } = await scenario();
    const scribe = await p.responder('Cy');
    await ok(t.request('POST', `/api/v1/incidents/${incident.id}/follow`, { cookie: scribe.cookie, body: {} }));
    await updateIncidentRow(t.db, incident.id, { roles: { commander: ada.user.id, communications: null, scribe: scribe.user.id, experts: [] } });
    notices();
    await ok(post(incident.id, sam.cookie, { text: 'Suspect the 14:02 deploy.', audience: 'internal' }), 201);
    await t.engine.runOnce();
    const name = await serviceName(incident.id);
    expect(notices()).toEqual([`Bob-1 normal Update on #${incident.number} · ${name}: Suspect the 14:02 deploy.`, `Cy-1 normal Update on #${incident.number} · ${name}: Suspect the 14:02 deploy.`]);
  });

  it('refuses empty, too long and unknown-audience updates, and unknown incidents, with clear 4xx', async () => {
    const { ada, incident } = await scenario();
    expect(expectApiError(await post(incident.id, ada.cookie, { text: '   ', audience: 'internal' }), 400).message).toMatch(/text: must not be empty/);
    expect(expectApiError(await post(incident.id, ada.cookie, { text: 'x'.repeat(5001), audience: 'internal' }), 400).message).toMatch(/text: must be at most 5000/);
    expect(expectApiError(await post(incident.id, ada.cookie, { text: 'hi', audience: 'everyone' }), 400).message).toMatch(/audience: must be "internal"/);
    expect(expectApiError(await post(incident.id, ada.cookie, { text: 'hi' }), 400).message).toMatch(/audience/);
    expectApiError(await post(crypto.randomUUID(), ada.cookie, { text: 'hi', audience: 'internal' }), 404);
    const viewer = await t.signedInUser('viewer', 'Vic');
    expectApiError(await post(incident.id, viewer.cookie, { text: 'hi', audience: 'internal' }), 403);
    expect((await ok(post(incident.id, ada.cookie, { text: 'x'.repeat(5000), audience: 'internal' }), 201)).data.text).toHaveLength(5000);
  });

  it('replays an Idempotency-Key: one update, one notice each', async () => {
    const { ada, incident } = await scenario();
    const headers = { 'Idempotency-Key': crypto.randomUUID() };
    const first = await ok(post(incident.id, ada.cookie, { text: 'Once.', audience: 'stakeholders' }, headers), 201);
    const again = await ok(post(incident.id, ada.cookie, { text: 'Once.', audience: 'stakeholders' }, headers), 201);
    expect(again).toEqual(first);
    await t.engine.runOnce();
    expect(notices()).toHaveLength(3);
    expect((await p.timeline(incident.id)).filter((e) => e.type === 'status_update')).toHaveLength(1);
  });
});

async function serviceName(incidentId: string): Promise<string> {
  return (await ok(t.request('GET', `/api/v1/incidents/${incidentId}`, { cookie: p.admin.cookie }))).serviceName;
}

describe('following', () => {
  it('follows an incident idempotently and unfollows it', async () => {
    const { sam, incident } = await scenario();
    const again = await ok(t.request('POST', `/api/v1/incidents/${incident.id}/follow`, { cookie: sam.cookie, body: { viaContactMethods: true } }));
    expect(again.following).toBe(true);
    expect(again.followers.filter((f: any) => f.name === 'Sam')).toEqual([{ id: sam.user.id, name: 'Sam', viaService: false }]);
    const gone = await ok(t.request('DELETE', `/api/v1/incidents/${incident.id}/follow`, { cookie: sam.cookie }));
    expect(gone.following).toBe(false);
    expect(gone.followers.map((f: any) => f.name)).toEqual(['Bob', 'Sue']);
    await ok(t.request('DELETE', `/api/v1/incidents/${incident.id}/follow`, { cookie: sam.cookie }));
    expectApiError(await t.request('POST', `/api/v1/incidents/${crypto.randomUUID()}/follow`, { cookie: sam.cookie, body: {} }), 404);
    expectApiError(await t.request('POST', `/api/v1/incidents/${incident.id}/follow`, { cookie: sam.cookie, body: { viaContactMethods: 'yes' } }), 400);
  });

  it('lets a viewer follow a service, which the service JSON shows', async () => {
    const { service } = await scenario();
    const viewer = await t.signedInUser('viewer', 'Vic');
    expect((await ok(t.request('GET', `/api/v1/services/${service.id}`, { cookie: viewer.cookie }))).following).toBe(false);
    expect(await ok(t.request('POST', `/api/v1/services/${service.id}/follow`, { cookie: viewer.cookie, body: {} }))).toEqual({ following: true, viaContactMethods: false });
    expect(await ok(t.request('POST', `/api/v1/services/${service.id}/follow`, { cookie: viewer.cookie, body: {} }))).toEqual({ following: true, viaContactMethods: false });
    expect((await ok(t.request('GET', `/api/v1/services/${service.id}`, { cookie: viewer.cookie }))).following).toBe(true);
    expect(await ok(t.request('DELETE', `/api/v1/services/${service.id}/follow`, { cookie: viewer.cookie }))).toEqual({ following: false, viaContactMethods: false });
    expect((await ok(t.request('GET', `/api/v1/services/${service.id}`, { cookie: viewer.cookie }))).following).toBe(false);
    expectApiError(await t.request('POST', `/api/v1/services/${crypto.randomUUID()}/follow`, { cookie: viewer.cookie, body: {} }), 404);
  });
});

describe('update reminders', () => {
  const reminders = async (incidentId: string) => (await p.timeline(incidentId)).filter((e) => e.type === 'update_reminder').map((e) => e.data);

  it('reminds the communications lead at exactly 30:00 on a SEV-1, again a cadence later, and an update pushes it back', async () => {
    const { ada, bob, incident } = await scenario();
    await updateIncidentRow(t.db, incident.id, { roles: { commander: ada.user.id, communications: bob.user.id, scribe: null, experts: [] } });
    await p.advance(29 * 60 + 59);
    expect(notices()).toEqual([]);
    await p.advance(1);
    const reminder = `No status update on #${incident.number} for 30 min: post one for stakeholders`;
    expect(notices()).toEqual([`Bob-1 high ${reminder}: Checkout is down`]);
    expect(await reminders(incident.id)).toEqual([{ userId: bob.user.id, name: 'Bob', minutes: 30 }]);
    await p.advance(10 * 60);
    await ok(post(incident.id, bob.cookie, { text: 'Mitigated.', audience: 'stakeholders' }), 201);
    await t.engine.runOnce();
    notices();
    // Due 30 min after the update (40:00 + 30:00), not at the 60:00 the earlier reminder had set.
    await p.advance(29 * 60 + 59);
    expect(notices()).toEqual([]);
    await p.advance(1);
    expect(notices()).toEqual([`Bob-1 high ${reminder}: Checkout is down`]);
    await p.advance(30 * 60);
    expect(notices()).toEqual([`Bob-1 high No status update on #${incident.number} for 1 h: post one for stakeholders: Checkout is down`]);
  });

  it('reminds the commander when there is no communications lead, and stops when resolved', async () => {
    const { ada, incident } = await scenario();
    await updateIncidentRow(t.db, incident.id, { roles: { commander: ada.user.id, communications: null, scribe: null, experts: [] } });
    await p.advance(30 * 60);
    expect(notices()).toEqual([`Ada-1 high No status update on #${incident.number} for 30 min: post one for stakeholders: Checkout is down`]);
    await ok(t.request('POST', `/api/v1/incidents/${incident.id}/resolve`, { cookie: ada.cookie }));
    await p.advance(3 * 3600);
    expect(notices()).toEqual([]);
    expect(await reminders(incident.id)).toHaveLength(1);
    expect((await ok(t.request('GET', `/api/v1/incidents/${incident.id}`, { cookie: ada.cookie }))).nextUpdateDueAt).toBeNull();
  });

  it('records that nobody could be reminded when neither role is held', async () => {
    const { incident } = await scenario();
    await p.advance(30 * 60);
    expect(notices()).toEqual([]);
    expect(await reminders(incident.id)).toEqual([{ userId: null, name: null, minutes: 30, reason: 'nobody is communications lead or commander' }]);
  });

  it('follows the severity and the incident’s own cadence', async () => {
    const { ada, incident } = await scenario('SEV-3');
    await updateIncidentRow(t.db, incident.id, { roles: { commander: ada.user.id, communications: null, scribe: null, experts: [] } });
    await p.advance(3 * 3600);
    expect(notices()).toEqual([]);
    // Raising to SEV-2 starts reminders, counted from detection: 3 h have passed, so one goes at once.
    await ok(t.request('PATCH', `/api/v1/incidents/${incident.id}`, { cookie: ada.cookie, body: { severity: 'SEV-2' } }));
    await t.engine.runOnce();
    expect(notices()).toEqual([`Ada-1 high No status update on #${incident.number} for 3 h: post one for stakeholders: Checkout is down`]);
    const detail = await ok(t.request('PATCH', `/api/v1/incidents/${incident.id}`, { cookie: ada.cookie, body: { updateCadenceMinutes: 15 } }));
    expect(detail.updateCadenceMinutes).toBe(15);
    await ok(post(incident.id, ada.cookie, { text: 'Update.', audience: 'internal' }), 201);
    await p.advance(14 * 60 + 59);
    notices();
    await p.advance(1);
    expect(notices()).toEqual([`Ada-1 high No status update on #${incident.number} for 15 min: post one for stakeholders: Checkout is down`]);
    expect((await ok(t.request('PATCH', `/api/v1/incidents/${incident.id}`, { cookie: ada.cookie, body: { updateCadenceMinutes: null } }))).updateCadenceMinutes).toBe(60);
    for (const bad of [4, 1441, 2.5, '30']) {
      expect(expectApiError(await t.request('PATCH', `/api/v1/incidents/${incident.id}`, { cookie: ada.cookie, body: { updateCadenceMinutes: bad } }), 400).message).toMatch(/updateCadenceMinutes/);
    }
  });
});
