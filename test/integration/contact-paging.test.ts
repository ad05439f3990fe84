import { createHmac } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ContactMethod } from '../../shared/api/contact-methods';
import type { NotificationRule } from '../../shared/api/paging';
import { createMailer, type Mailer } from '../../server/channels/mailer';
import { startHttpReceiver, type HttpReceiver } from '../helpers/http-receiver';
import { pagingFixture, type PagingFixture } from '../helpers/paging';
import { startPushEndpoint, type PushEndpoint } from '../helpers/push-endpoint';
import { startSmtpReceiver, type SmtpReceiver } from '../helpers/smtp-receiver';
import { createTestApp, expectApiError, type TestApp } from '../helpers/test-app';

// Pages by contact method through the engine's outbox, on a fake clock, with a real SMTP server, a real HTTP
// receiver playing ntfy, webhooks and chat, and the local push service.

let push: PushEndpoint;
let smtp: SmtpReceiver;
let receiver: HttpReceiver;
let mailer: Mailer;
let t: TestApp;
let p: PagingFixture;

beforeAll(async () => {
  [push, smtp, receiver] = await Promise.all([startPushEndpoint(), startSmtpReceiver(), startHttpReceiver()]);
  mailer = createMailer({ smtpUrl: smtp.smtpUrl, from: 'Muster <muster@example.com>' });
});
afterAll(async () => {
  mailer.close();
  await Promise.all([push.close(), smtp.close(), receiver.close()]);
});
beforeEach(async () => {
  t = await createTestApp({
    pushAllowedHosts: [push.host],
    pushAgent: push.agent,
    mailer,
    outgoingAllowedHosts: [receiver.allowedHost],
    publicUrl: 'http://localhost',
  });
  p = await pagingFixture(t, push);
  receiver.received.length = 0;
});
afterEach(() => t.close());

async function addMethod(cookie: string, body: Record<string, unknown>): Promise<ContactMethod> {
  const res = await t.request('POST', '/api/v1/me/contact-methods', { cookie, body });
  expect(res.status, res.text).toBe(201);
  return res.json;
}

async function addVerifiedEmail(cookie: string, address: string): Promise<ContactMethod> {
  const method = await addMethod(cookie, { type: 'email', address });
  const code = /code is (\d{6})/.exec(smtp.lastTo(address)?.subject ?? '')![1];
  const res = await t.request('POST', `/api/v1/me/contact-methods/${method.id}/verify`, { cookie, body: { code } });
  expect(res.status, res.text).toBe(200);
  return res.json;
}

async function setRules(cookie: string, rules: NotificationRule[]) {
  const res = await t.request('PUT', '/api/v1/me/notification-rules', { cookie, body: rules });
  expect(res.status, res.text).toBe(200);
}

const ntfyTo = (topic: string) => ({ type: 'ntfy', serverUrl: receiver.origin, topic });
const toTopic = (topic: string) => receiver.received.filter((req) => req.path === `/${topic}`);
/** Pages mailed to the address (its verification code mail left out). */
const mailsTo = (address: string) =>
  smtp.received.filter((entry) => entry.to.includes(address) && !/code is/.test(entry.mail.subject ?? '')).map((entry) => entry.mail);

/** One responder on a one-step policy with the given channels; the incident is triggered at t = 0. */
async function pagedResponder(name: string, rules: (methods: { ntfy: ContactMethod; email: ContactMethod }) => NotificationRule[], options: { devices?: number } = {}) {
  const responder = await p.responder(name, { devices: options.devices ?? 1 });
  const topic = `muster-${name.toLowerCase()}-${t.unique()}`;
  const address = `${name.toLowerCase()}${t.unique()}@example.com`;
  const ntfy = await addMethod(responder.cookie, ntfyTo(topic));
  const email = await addVerifiedEmail(responder.cookie, address);
  await setRules(responder.cookie, rules({ ntfy, email }));
  const policy = await p.policy([{ delaySeconds: 1800, targets: [{ type: 'user', id: responder.user.id }] }]);
  const service = await p.serviceWithPolicy(policy);
  return { responder, topic, address, ntfy, email, service };
}

describe('a page by several channels', () => {
  it('pushes at once, publishes to ntfy at 1 min and emails at 3 min, each exactly on time and once', async () => {
    const { topic, address, service } = await pagedResponder('Dana', ({ ntfy, email }) => [
      { delaySeconds: 0, method: 'push' },
      { delaySeconds: 60, method: 'contact', contactMethodId: ntfy.id },
      { delaySeconds: 180, method: 'contact', contactMethodId: email.id },
    ]);
    const incident = await p.trigger(service.id, { title: 'Checkout is down', severity: 'SEV-1' });
    expect(p.take()).toEqual([`Dana-1 #${incident.number}`]);

    await p.advance(59);
    expect(toTopic(topic)).toHaveLength(0);
    await p.advance(1);
    expect(toTopic(topic)).toHaveLength(1);
    const published = toTopic(topic)[0];
    expect(published.headers['x-priority']).toBe('5');
    expect(published.headers.click).toBe(`http://localhost/incidents/${incident.id}`);
    expect(published.body).toBe(`#${incident.number} Checkout is down`);
    expect(published.headers.actions).toContain("'http://localhost/api/v1/page-actions/acknowledge'");

    await p.advance(119);
    expect(mailsTo(address)).toHaveLength(0);
    await p.advance(1);
    const [mail] = mailsTo(address);
    expect(mail.subject).toContain('SEV-1');
    expect(mail.subject).toContain('Checkout is down');
    const link = /http:\/\/localhost(\/ack\/[\w.-]+)/.exec(mail.text ?? '')![1];
    expect(mail.html).toContain(`href="http://localhost${link}"`);

    await p.advance(600);
    expect(toTopic(topic)).toHaveLength(1);
    expect(mailsTo(address)).toHaveLength(1);
    const timeline = await p.timeline(incident.id);
    expect(timeline.filter((e) => e.type === 'paged').map((e) => [e.data.channel, e.data.repage])).toEqual([
      ['push', false],
      ['ntfy', true],
      ['email', true],
    ]);
    expect(timeline.filter((e) => e.type === 'page_delivered').map((e) => e.data.channel ?? 'push')).toEqual(['push', 'ntfy', 'email']);

    // Following the emailed link only asks (mail scanners open links); its button acknowledges as Dana.
    const asked = await t.request('GET', link);
    expect(asked.text).toContain(`Acknowledge as Dana`);
    expect((await t.request('GET', `/api/v1/incidents/${incident.id}`, { cookie: p.admin.cookie })).json.status).toBe('triggered');
    expect((await t.request('POST', link)).status).toBe(200);
    const acknowledged = (await t.request('GET', `/api/v1/incidents/${incident.id}`, { cookie: p.admin.cookie })).json;
    expect(acknowledged.status).toBe('acknowledged');
    expect(acknowledged.timeline.find((e: { type: string }) => e.type === 'acknowledged').actor.name).toBe('Dana');
  });

  it('acknowledges from the ntfy button: the token it POSTs is the paged user’s, and the email due later is never sent', async () => {
    const { responder, topic, address, service } = await pagedResponder('Ari', ({ ntfy, email }) => [
      { delaySeconds: 0, method: 'contact', contactMethodId: ntfy.id },
      { delaySeconds: 120, method: 'contact', contactMethodId: email.id },
    ]);
    const incident = await p.trigger(service.id);
    const action = toTopic(topic)[0].headers.actions as string;
    const body = /body='(.*)', clear/.exec(action)![1].replaceAll("\\'", "'");
    const ack = await t.request('POST', '/api/v1/page-actions/acknowledge', { body: JSON.parse(body), origin: null });
    expect(ack.status, ack.text).toBe(200);

    await p.advance(600);
    expect(mailsTo(address)).toHaveLength(0);
    const detail = await t.request('GET', `/api/v1/incidents/${incident.id}`, { cookie: p.admin.cookie });
    expect(detail.json.status).toBe('acknowledged');
    expect(detail.json.timeline.find((e: { type: string }) => e.type === 'acknowledged').actor.id).toBe(responder.user.id);
  });

  it('retries a 503 after the backoff and records one delivery; never retries a 401 and says why on the timeline', async () => {
    const { topic, ntfy, responder, service } = await pagedResponder('Bo', ({ ntfy: method }) => [{ delaySeconds: 0, method: 'contact', contactMethodId: method.id }], { devices: 0 });
    receiver.answerWith(503);
    const first = await p.trigger(service.id);
    expect(toTopic(topic)).toHaveLength(1);
    await p.advance(4);
    expect(toTopic(topic)).toHaveLength(1);
    await p.advance(1);
    expect(toTopic(topic)).toHaveLength(2);
    let timeline = await p.timeline(first.id);
    expect(timeline.filter((e) => e.type === 'page_delivered')).toHaveLength(1);
    expect(timeline.filter((e) => e.type === 'page_failed')).toHaveLength(0);

    await t.request('POST', `/api/v1/incidents/${first.id}/resolve`, { cookie: p.admin.cookie });
    receiver.answerWith(401);
    const second = await p.trigger(service.id);
    await p.advance(900);
    expect(toTopic(topic)).toHaveLength(3);
    timeline = await p.timeline(second.id);
    const failed = timeline.find((e) => e.type === 'page_failed')!;
    expect(failed.data).toMatchObject({ user: 'Bo', channel: 'ntfy', status: 401, reason: 'ntfy answered 401' });
    const stored = ((await t.request('GET', '/api/v1/me/contact-methods', { cookie: responder.cookie })).json.items as ContactMethod[]).find((m) => m.id === ntfy.id);
    expect(stored).toMatchObject({ id: ntfy.id, lastError: 'ntfy answered 401', failing: false });
  });

  it('signs a contact webhook page with the method’s secret and carries the acknowledge token', async () => {
    const responder = await p.responder('Wes', { devices: 0 });
    const method = await addMethod(responder.cookie, { type: 'webhook', url: `${receiver.origin}/pager`, secret: 'hook secret' });
    await setRules(responder.cookie, [{ delaySeconds: 0, method: 'contact', contactMethodId: method.id }]);
    const service = await p.serviceWithPolicy(await p.policy([{ delaySeconds: 600, targets: [{ type: 'user', id: responder.user.id }] }]));
    const incident = await p.trigger(service.id);
    const [request] = receiver.received.filter((req) => req.path === '/pager');
    const expected = createHmac('sha256', 'hook secret').update(`${String(request.headers['x-muster-timestamp'])}.${request.body}`).digest('hex');
    expect(request.headers['x-muster-signature']).toBe(`sha256=${expected}`);
    const body = JSON.parse(request.body);
    expect(body).toMatchObject({ type: 'page', incident: { id: incident.id, number: incident.number }, acknowledgeUrl: 'http://localhost/api/v1/page-actions/acknowledge' });
    const ack = await t.request('POST', '/api/v1/page-actions/acknowledge', { body: { token: body.ackToken }, origin: null });
    expect(ack.status, ack.text).toBe(200);
  });
});

describe('a chat channel', () => {
  it('posts severity, service, title and both links to a Slack-compatible hook, and names a refusing hook on the timeline', async () => {
    const responder = await p.responder('Cam', { devices: 0 });
    const chat = await addMethod(responder.cookie, { type: 'slack', webhookUrl: `${receiver.origin}/hooks/cam` });
    await setRules(responder.cookie, [{ delaySeconds: 0, method: 'contact', contactMethodId: chat.id }]);
    const service = await p.serviceWithPolicy(await p.policy([{ delaySeconds: 600, targets: [{ type: 'user', id: responder.user.id }] }]));
    const incident = await p.trigger(service.id, { title: 'Search <!channel> is slow', severity: 'SEV-2' });
    const [request] = receiver.received.filter((req) => req.path === '/hooks/cam');
    expect(request.headers['content-type']).toBe('application/json');
    const { text } = JSON.parse(request.body) as { text: string };
    const ack = /<http:\/\/localhost(\/ack\/[\w.-]+)\|Acknowledge>$/.exec(text)![1];
    expect(text).toBe(
      `:rotating_light: *SEV-2* · ${service.name}\n<http://localhost/incidents/${incident.id}|#${incident.number} Search &lt;!channel&gt; is slow> · <http://localhost${ack}|Acknowledge>`,
    );

    receiver.answerWith(404);
    await t.request('POST', `/api/v1/incidents/${incident.id}/resolve`, { cookie: p.admin.cookie });
    const second = await p.trigger(service.id);
    expect((await p.timeline(second.id)).find((e) => e.type === 'page_failed')!.data).toMatchObject({ channel: 'chat', status: 404, reason: 'chat webhook answered 404' });
  });
});

describe('the paging box', () => {
  it('names each paged person with what each channel is doing, and who cannot be reached', async () => {
    const { responder, topic, service } = await pagedResponder('Bob', ({ ntfy, email }) => [
      { delaySeconds: 0, method: 'push' },
      { delaySeconds: 0, method: 'contact', contactMethodId: ntfy.id },
      { delaySeconds: 120, method: 'contact', contactMethodId: email.id },
    ]);
    const dana = await p.responder('Dana', { devices: 0 });
    await t.request('PATCH', `/api/v1/services/${service.id}`, {
      cookie: p.admin.cookie,
      body: { escalationPolicyId: await p.policy([{ delaySeconds: 600, targets: [{ type: 'user', id: responder.user.id }, { type: 'user', id: dana.user.id }] }]) },
    });
    receiver.answerWith(503);
    const incident = await p.trigger(service.id);
    const status = async () => (await t.request('GET', `/api/v1/incidents/${incident.id}`, { cookie: p.admin.cookie })).json.escalation.paged;
    const triggeredAt = t.clock.now();

    expect(await status()).toEqual([
      {
        id: responder.user.id,
        name: 'Bob',
        reachable: true,
        why: null,
        channels: [
          { channel: 'push', state: 'delivered', at: triggeredAt.toISOString(), error: null },
          { channel: 'ntfy', state: 'retrying', at: null, error: 'ntfy answered 503' },
          { channel: 'email', state: 'due', at: new Date(triggeredAt.getTime() + 120_000).toISOString(), error: null },
        ],
      },
      { id: dana.user.id, name: 'Dana', reachable: false, why: 'no device, no contact method', channels: [{ channel: 'push', state: 'unreachable', at: null, error: 'no device' }] },
    ]);
    // Push and ntfy both at once: neither is a re-page.
    expect((await p.timeline(incident.id)).filter((e) => e.type === 'paged').map((e) => [e.data.channel, e.data.repage]).sort()).toEqual([
      ['ntfy', false],
      ['push', false],
    ]);
    await p.advance(5);
    expect(toTopic(topic)).toHaveLength(2);
    expect((await status())[0].channels[1]).toEqual({ channel: 'ntfy', state: 'delivered', at: t.clock.now().toISOString(), error: null });
  });
});

describe('who can be reached', () => {
  it('counts a verified contact rule as a way to reach someone with no device; without one the step moves on at once', async () => {
    const reachable = await p.responder('Cy', { devices: 0 });
    const ntfy = await addMethod(reachable.cookie, ntfyTo(`cy-${t.unique()}`));
    await setRules(reachable.cookie, [{ delaySeconds: 0, method: 'contact', contactMethodId: ntfy.id }]);
    const nobody = await p.responder('Nell', { devices: 0 });
    const unreachable = (await t.request('GET', '/api/v1/on-call/unreachable', { cookie: p.admin.cookie })).json.items.map((u: { name: string }) => u.name);
    expect(unreachable).toContain('Nell');
    expect(unreachable).not.toContain('Cy');

    const policy = await p.policy([
      { delaySeconds: 300, targets: [{ type: 'user', id: nobody.user.id }] },
      { delaySeconds: 300, targets: [{ type: 'user', id: reachable.user.id }] },
    ]);
    const incident = await p.trigger((await p.serviceWithPolicy(policy)).id);
    await p.advance(0);
    const detail = (await t.request('GET', `/api/v1/incidents/${incident.id}`, { cookie: p.admin.cookie })).json;
    expect(detail.escalation.step).toBe(2);
    expect(detail.timeline.filter((e: { type: string }) => e.type === 'step_unreachable')).toHaveLength(1);
    expect(toTopic(ntfy.summary.split(' · ')[1])).toHaveLength(1);
  });
});

describe('rules naming contact methods', () => {
  it('refuses another user’s method and an unverified email, and keeps the old rules', async () => {
    const { cookie } = await t.signedInUser('responder', 'Rae');
    const other = await t.signedInUser('responder', 'Sam');
    const theirs = await addMethod(other.cookie, ntfyTo('sams-topic'));
    const unverified = await addMethod(cookie, { type: 'email', address: `rae${t.unique()}@example.com` });
    await setRules(cookie, [{ delaySeconds: 0, method: 'push' }]);

    const refusedOther = await t.request('PUT', '/api/v1/me/notification-rules', { cookie, body: [{ delaySeconds: 0, method: 'contact', contactMethodId: theirs.id }] });
    expect(expectApiError(refusedOther, 400, 'bad_request').message).toBe(`0.contactMethodId: you have no contact method ${theirs.id}`);
    const refusedUnverified = await t.request('PUT', '/api/v1/me/notification-rules', {
      cookie,
      body: [{ delaySeconds: 0, method: 'push' }, { delaySeconds: 60, method: 'contact', contactMethodId: unverified.id }],
    });
    expect(expectApiError(refusedUnverified, 400, 'bad_request').message).toBe(`1.contactMethodId: verify ${unverified.summary} first: enter the code sent to it`);
    expect((await t.request('GET', '/api/v1/me/notification-rules', { cookie })).json).toEqual([{ delaySeconds: 0, method: 'push' }]);
  });

  it('lets push and a contact method share a delay; removing the method removes its rules, and the defaults return when none are left', async () => {
    const { cookie } = await t.signedInUser('responder', 'Lou');
    const ntfy = await addMethod(cookie, ntfyTo('lous-topic'));
    const both = [
      { delaySeconds: 0, method: 'push' },
      { delaySeconds: 0, method: 'contact', contactMethodId: ntfy.id },
    ] as NotificationRule[];
    await setRules(cookie, both);
    expect((await t.request('GET', '/api/v1/me/notification-rules', { cookie })).json).toEqual(both);
    expect((await t.request('DELETE', `/api/v1/me/contact-methods/${ntfy.id}`, { cookie })).status).toBe(204);
    expect((await t.request('GET', '/api/v1/me/notification-rules', { cookie })).json).toEqual([{ delaySeconds: 0, method: 'push' }]);

    const only = await addMethod(cookie, ntfyTo('lous-topic'));
    await setRules(cookie, [{ delaySeconds: 30, method: 'contact', contactMethodId: only.id }]);
    await t.request('DELETE', `/api/v1/me/contact-methods/${only.id}`, { cookie });
    expect((await t.request('GET', '/api/v1/me/notification-rules', { cookie })).json).toEqual([
      { delaySeconds: 0, method: 'push' },
      { delaySeconds: 60, method: 'push' },
      { delaySeconds: 180, method: 'push' },
    ]);
  });
});
