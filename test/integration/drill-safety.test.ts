import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { triageOrder } from '../../shared/domain/triage';
import { createMailer, type Mailer } from '../../server/channels/mailer';
import { claimDuePushes, dueEscalations, duePages, insertOutgoingPushes } from '../../server/db/stores/engine';
import { updateIncidentRow } from '../../server/db/stores/incidents';
import { claimDueMessages, insertOutgoingMessages } from '../../server/db/stores/outgoing-messages';
import { startHttpReceiver, type HttpReceiver } from '../helpers/http-receiver';
import { pagingFixture, type PagingFixture } from '../helpers/paging';
import { startPushEndpoint, type PushEndpoint } from '../helpers/push-endpoint';
import { startSmtpReceiver, type SmtpReceiver } from '../helpers/smtp-receiver';
import { createTestApp, expectApiError, type TestApp } from '../helpers/test-app';

// Drills never count, never leak, never delay real incidents. Drills start through POST /api/v1/drills as a
// phone starts them; pages and notices are read from the local push service (`p.take()` returns exactly what
// arrived since the last call), email from a real SMTP receiver, service webhooks from a real HTTP receiver.

let push: PushEndpoint;
let smtp: SmtpReceiver;
let hooks: HttpReceiver;
let mailer: Mailer;
let t: TestApp;
let p: PagingFixture;

beforeAll(async () => {
  [push, smtp, hooks] = await Promise.all([startPushEndpoint(), startSmtpReceiver(), startHttpReceiver()]);
  mailer = createMailer({ smtpUrl: smtp.smtpUrl, from: 'Muster <muster@example.com>' });
});
afterAll(async () => {
  mailer.close();
  await Promise.all([push.close(), smtp.close(), hooks.close()]);
});
beforeEach(async () => {
  t = await createTestApp({ pushAllowedHosts: [push.host], pushAgent: push.agent, mailer, publicUrl: 'http://localhost', outgoingAllowedHosts: [hooks.allowedHost] });
  p = await pagingFixture(t, push);
});
afterEach(() => t.close());

async function ok(res: Promise<{ status: number; json: any; text: string }>, status = [200, 201]) {
  const done = await res;
  if (!status.includes(done.status)) throw new Error(`unexpected ${done.status}: ${done.text}`);
  return done.json;
}
const get = (path: string) => ok(t.request('GET', `/api/v1${path}`, { cookie: p.admin.cookie }));
const command = (cookie: string, incidentId: string, verb: 'acknowledge' | 'resolve') => ok(t.request('POST', `/api/v1/incidents/${incidentId}/${verb}`, { cookie }));
const follow = (cookie: string, incidentId: string, viaContactMethods = false) =>
  ok(t.request('POST', `/api/v1/incidents/${incidentId}/follow`, { cookie, body: { viaContactMethods } }));
const statusUpdate = (cookie: string, incidentId: string, text: string, audience: 'stakeholders' | 'internal' = 'stakeholders') =>
  ok(t.request('POST', `/api/v1/incidents/${incidentId}/status-updates`, { cookie, body: { text, audience } }));

async function verifiedEmail(cookie: string): Promise<string> {
  const address = `person${t.unique()}@example.com`;
  const method = await ok(t.request('POST', '/api/v1/me/contact-methods', { cookie, body: { type: 'email', address } }));
  const code = /code is (\d{6})/.exec(smtp.lastTo(address)?.subject ?? '')![1];
  await ok(t.request('POST', `/api/v1/me/contact-methods/${method.id}/verify`, { cookie, body: { code } }));
  return address;
}
/** Subjects of the mail an address received, leaving out its verification code. */
const subjectsTo = (address: string) => smtp.received.filter((m) => m.to.includes(address) && !/code is/.test(m.mail.subject ?? '')).map((m) => m.mail.subject);

/** A SEV-1 scenario on the service with one inject at the start; its title says it is practice. */
async function scenarioFor(serviceId: string, severity = 'SEV-1') {
  return ok(
    t.request('POST', '/api/v1/drills/scenarios', {
      cookie: p.admin.cookie,
      body: { name: 'Checkout practice', serviceId, severity, title: 'Practice: checkout down', injects: [{ afterSeconds: 0, kind: 'alert', text: 'checkout error rate 40 %' }] },
    }),
  );
}

/** Starts a drill now, as the phone does, and runs the engine once, as the server does after a write. */
async function startDrill(scenarioId: string, options: { participants?: string[]; cookie?: string } = {}) {
  const drill = await ok(
    t.request('POST', '/api/v1/drills', { cookie: options.cookie ?? p.admin.cookie, body: { scenarioId, ...(options.participants && { participants: options.participants }) } }),
  );
  await t.engine.runOnce();
  const incident = await get(`/incidents/${drill.incidentId}`);
  return { drill, incident: incident as { id: string; number: number; title: string; serviceName: string } };
}

describe('metrics', () => {
  it('a drill incident acknowledged and resolved changes no figure of GET /metrics', async () => {
    const ada = await p.responder('ada');
    const service = await p.serviceWithPolicy(await p.policy([{ delaySeconds: 300, targets: [{ type: 'user', id: ada.user.id }] }]));
    const scenario = await scenarioFor(service.id);
    // A real incident first, so the figures are not simply empty.
    const real = await p.trigger(service.id, { severity: 'SEV-2', title: 'Checkout errors' });
    t.clock.advance(60_000);
    await command(ada.cookie, real.id, 'acknowledge');
    t.clock.advance(600_000);
    await command(ada.cookie, real.id, 'resolve');
    const range = '/metrics?from=2026-03-01&to=2026-03-09';
    const before = await get(range);
    expect(before).toMatchObject({ count: 1 });

    const { drill, incident } = await startDrill(scenario.id);
    t.clock.advance(30_000);
    await command(ada.cookie, incident.id, 'acknowledge');
    t.clock.advance(120_000);
    await command(ada.cookie, incident.id, 'resolve');
    expect((await get(`/drills/${drill.id}`)).status).toBe('finished');
    expect(await get(range)).toEqual(before);
    // Not even where it alone would match: its service and severity.
    expect(await get(`${range}&serviceId=${service.id}&severity=SEV-1`)).toMatchObject({ count: 0 });
  });
});

describe('the incident list', () => {
  it('applies drills=include|exclude|only, and refuses another value naming the parameter', async () => {
    const quiet = await t.createService(p.admin.cookie, { name: 'Quiet' });
    const real = await t.createIncident(p.admin.cookie, { serviceId: quiet.id, title: 'Real checkout errors', severity: 'SEV-3' });
    const { incident: drill } = await startDrill((await scenarioFor(quiet.id)).id);
    const titles = async (query: string) => ((await get(`/incidents?${query}`)).items as Array<{ title: string }>).map((i) => i.title);

    expect(await titles('')).toEqual([drill.title, real.title]);
    expect(await titles('drills=include')).toEqual([drill.title, real.title]);
    expect(await titles('drills=exclude')).toEqual([real.title]);
    expect(await titles('drills=only')).toEqual([drill.title]);
    expect(await titles('drills=exclude&sort=triage&status=triggered')).toEqual([real.title]);
    const bad = expectApiError(await t.request('GET', '/api/v1/incidents?drills=maybe', { cookie: p.admin.cookie }), 400);
    expect(bad.message).toMatch(/drills: must be include, exclude or only/);
  });

  it('sort=triage shows open real incidents, a real SEV-2 included, above a triggered SEV-1 drill, as the phone orders them', async () => {
    const quiet = await t.createService(p.admin.cookie, { name: 'Quiet' });
    // The drill opens first, so the oldest and most severe of the open incidents is the drill.
    const { incident: drill } = await startDrill((await scenarioFor(quiet.id, 'SEV-1')).id);
    const create = (title: string, severity: string) => t.createIncident(p.admin.cookie, { serviceId: quiet.id, title, severity });
    const minor = await create('real SEV-4, triggered', 'SEV-4');
    const major = await create('real SEV-2, acknowledged', 'SEV-2');
    await command(p.admin.cookie, major.id, 'acknowledge');
    const old = await create('real SEV-1, resolved', 'SEV-1');
    await command(p.admin.cookie, old.id, 'resolve');
    void minor;

    const { items } = await get('/incidents?sort=triage&status=triggered,acknowledged,resolved');
    expect(items.map((i: { title: string }) => i.title)).toEqual(['real SEV-4, triggered', 'real SEV-2, acknowledged', drill.title, 'real SEV-1, resolved']);
    // shared/domain/triage (the phone's order, offline too) agrees with the SQL.
    expect([...items].reverse().sort(triageOrder)).toEqual(items);
  });
});

describe('claiming due work in batches', () => {
  it("takes real incidents' escalations, pages, pushes and messages before a drill's that fell due earlier", async () => {
    const [ada, bob, cy] = [await p.responder('ada', { repageDelays: [0, 60] }), await p.responder('bob'), await p.responder('cy', { repageDelays: [0, 60] })];
    const step = (id: string) => ({ delaySeconds: 300, targets: [{ type: 'user' as const, id }] });
    const drillService = await p.serviceWithPolicy(await p.policy([step(ada.user.id), step(bob.user.id)]));
    const realService = await p.serviceWithPolicy(await p.policy([step(cy.user.id), step(bob.user.id)]));
    // 0 s: the drill pages Ada (her re-page due at 60 s, step 2 at 300 s); 30 s: a real SEV-1 pages Cy (90 s, 330 s).
    const { incident: drill } = await startDrill((await scenarioFor(drillService.id)).id);
    t.clock.advance(30_000);
    const real = await p.trigger(realService.id, { severity: 'SEV-1', title: 'Payments down' });
    expect(p.take()).toEqual([`ada-1 #${drill.number}`, `cy-1 #${real.number}`]);
    // The engine was away: at 400 s all four are overdue, the drill's the longest.
    const now = t.clock.advance(370_000);

    const claimed = await t.db.transaction(async (tx) => {
      const escalations = [await dueEscalations(tx, now, 1), await dueEscalations(tx, now, 10)];
      const pages = [await duePages(tx, now, 1), await duePages(tx, now, 10)];
      // A notice push and a contact notice for each, the drill's queued 20 s earlier.
      const earlier = new Date(now.getTime() - 20_000);
      for (const [incidentId, at] of [[drill.id, earlier], [real.id, now]] as const) {
        const device = ada.subscriptions[0].id;
        const notice = { pageId: null, incidentId, userId: ada.user.id, subscriptionId: device, payload: '{}', urgency: 'normal' as const, ttlSeconds: 60 };
        await insertOutgoingPushes(tx, [{ id: crypto.randomUUID(), ...notice }], at);
        await insertOutgoingMessages(tx, [{ id: crypto.randomUUID(), kind: 'notice', incidentId, userId: ada.user.id, payload: '{}' }], at);
      }
      const pushes = [await claimDuePushes(tx, 'safety-test', now, 1), await claimDuePushes(tx, 'safety-test', now, 10)];
      const messages = [await claimDueMessages(tx, 'safety-test', now, 1), await claimDueMessages(tx, 'safety-test', now, 10)];
      return {
        escalations: escalations.map((batch) => batch.map((row) => row.incidentId)),
        pages: pages.map((batch) => batch.map((row) => row.incidentId)),
        pushes: pushes.map((batch) => batch.map((row) => row.push.incidentId)),
        messages: messages.map((batch) => batch.map((row) => row.message.incidentId)),
      };
    });
    const firstRealThenDrill = [[real.id], [real.id, drill.id]];
    // Pushes and messages: the second claim finds only what the first left.
    expect(claimed).toEqual({ escalations: firstRealThenDrill, pages: firstRealThenDrill, pushes: [[real.id], [drill.id]], messages: [[real.id], [drill.id]] });
  });
});

describe('status updates on a drill incident', () => {
  it('reach only followers who are participants, marked DRILL; a service follower who is not one gets nothing', async () => {
    const [ada, bob, sam, sue] = [await p.responder('ada'), await p.responder('bob'), await p.responder('sam'), await p.responder('sue')];
    const service = await p.serviceWithPolicy(await p.policy([{ delaySeconds: 3600, targets: [{ type: 'user', id: ada.user.id }] }]));
    const sueMail = await verifiedEmail(sue.cookie);
    await ok(t.request('POST', `/api/v1/services/${service.id}/follow`, { cookie: sue.cookie, body: { viaContactMethods: true } }));
    const { incident } = await startDrill((await scenarioFor(service.id)).id, { participants: [ada.user.id, bob.user.id] });
    expect(p.take()).toEqual([`ada-1 #${incident.number}`]);
    for (const person of [ada, bob, sam]) await follow(person.cookie, incident.id);

    await statusUpdate(ada.cookie, incident.id, 'Failing over to the replica.');
    await t.engine.runOnce();
    expect(p.take()).toEqual([`bob-1 notice: DRILL · Update on #${incident.number} · ${incident.serviceName}`]);
    await statusUpdate(bob.cookie, incident.id, 'Replica lag 3 min.', 'internal');
    await t.engine.runOnce();
    expect(p.take()).toEqual([`ada-1 notice: DRILL · Update on #${incident.number} · ${incident.serviceName}`]);
    expect(subjectsTo(sueMail)).toEqual([]);

    // The same people on a real incident of the service: Sue (by push and email), Sam and Bob all hear of it.
    const real = await p.trigger(service.id, { severity: 'SEV-2', title: 'Checkout errors' });
    p.take();
    await follow(bob.cookie, real.id);
    await follow(sam.cookie, real.id);
    await statusUpdate(ada.cookie, real.id, 'Rolling back.');
    await t.engine.runOnce();
    expect(p.take().sort()).toEqual(['bob-1', 'sam-1', 'sue-1'].map((device) => `${device} notice: Update on #${real.number} · ${incident.serviceName}`));
    expect(subjectsTo(sueMail)).toEqual([`[Muster] Update on #${real.number}: Checkout errors`]);
  });

  it('without a participant list reach whom the drill paged, whoever started it and the role holders, by push and email', async () => {
    const [ada, bob, cy, fay, sam, sue] = [
      await p.responder('ada'),
      await p.responder('bob'),
      await p.responder('cy'),
      await p.responder('fay'),
      await p.responder('sam'),
      await p.responder('sue'),
    ];
    const service = await p.serviceWithPolicy(
      await p.policy([{ delaySeconds: 3600, targets: [{ type: 'user', id: ada.user.id }, { type: 'user', id: bob.user.id }] }]),
    );
    const [cyMail, sueMail] = [await verifiedEmail(cy.cookie), await verifiedEmail(sue.cookie)];
    await ok(t.request('POST', `/api/v1/services/${service.id}/follow`, { cookie: sue.cookie, body: { viaContactMethods: true } }));
    // Fay starts it; Cy is its scribe; Sam merely follows.
    const { incident } = await startDrill((await scenarioFor(service.id)).id, { cookie: fay.cookie });
    expect(p.take().sort()).toEqual([`ada-1 #${incident.number}`, `bob-1 #${incident.number}`]);
    await updateIncidentRow(t.db, incident.id, { roles: { commander: null, communications: null, scribe: cy.user.id, experts: [] } });
    for (const person of [bob, fay, sam]) await follow(person.cookie, incident.id);
    await follow(cy.cookie, incident.id, true);

    await statusUpdate(ada.cookie, incident.id, 'Failing over to the replica.');
    await t.engine.runOnce();
    expect(p.take().sort()).toEqual(['bob-1', 'cy-1', 'fay-1'].map((device) => `${device} notice: DRILL · Update on #${incident.number} · ${incident.serviceName}`));
    expect(subjectsTo(cyMail)).toEqual([`DRILL · [Muster] Update on #${incident.number}: ${incident.title}`]);
    expect(smtp.lastTo(cyMail)?.text).toMatch(/^DRILL: this is a game-day drill, not a real incident\./);
    expect(subjectsTo(sueMail)).toEqual([]);
  });
});

describe('DRILL on everything a drill sends', () => {
  it('update reminders about a drill incident say DRILL first', async () => {
    const ada = await p.responder('ada');
    const service = await p.serviceWithPolicy(await p.policy([{ delaySeconds: 3600, targets: [{ type: 'user', id: ada.user.id }] }]));
    const { incident } = await startDrill((await scenarioFor(service.id)).id);
    await updateIncidentRow(t.db, incident.id, { roles: { commander: ada.user.id, communications: null, scribe: null, experts: [] } });
    expect(p.take()).toEqual([`ada-1 #${incident.number}`]);
    await p.advance(30 * 60);
    expect(p.take()).toEqual([`ada-1 notice: DRILL · No status update on #${incident.number} for 30 min: post one for stakeholders`]);
  });

  it('service webhooks hear nothing of a drill (they feed status pages), and still everything of a real incident', async () => {
    const ada = await p.responder('ada');
    const service = await p.serviceWithPolicy(await p.policy([{ delaySeconds: 300, targets: [{ type: 'user', id: ada.user.id }] }]));
    await ok(t.request('POST', `/api/v1/services/${service.id}/webhooks`, { cookie: p.admin.cookie, body: { url: `${hooks.origin}/status-page` } }));
    const { incident } = await startDrill((await scenarioFor(service.id)).id);
    await command(ada.cookie, incident.id, 'acknowledge');
    await ok(t.request('POST', `/api/v1/incidents/${incident.id}/notes`, { cookie: ada.cookie, body: { text: 'Failing over' } }));
    await ok(t.request('PATCH', `/api/v1/incidents/${incident.id}`, { cookie: ada.cookie, body: { severity: 'SEV-2' } }));
    await command(ada.cookie, incident.id, 'resolve');
    await p.advance(3600);
    const { outgoingMessages } = t.db.t;
    const drillEvents = await t.db.select().from(outgoingMessages).where(and(eq(outgoingMessages.incidentId, incident.id), eq(outgoingMessages.kind, 'event')));
    expect(drillEvents).toEqual([]);
    expect(hooks.received).toEqual([]);
    expect((await get(`/services/${service.id}/webhooks`)).items.map((hook: { attempts: unknown[] }) => hook.attempts)).toEqual([[]]);

    const real = await p.trigger(service.id, { severity: 'SEV-2', title: 'Checkout errors' });
    await command(ada.cookie, real.id, 'resolve');
    await t.engine.runOnce();
    expect(hooks.received.map((req) => JSON.parse(req.body)).map((body) => `${body.event} #${body.incident.number}`)).toEqual([
      `incident.triggered #${real.number}`,
      `incident.resolved #${real.number}`,
    ]);
  });
});
