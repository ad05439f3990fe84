import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContactMethod } from '../../shared/api/contact-methods';
import { createMailer, type Mailer } from '../../server/channels/mailer';
import { startHttpReceiver, type HttpReceiver } from '../helpers/http-receiver';
import { startSmtpReceiver, type SmtpReceiver } from '../helpers/smtp-receiver';
import { createTestApp, expectApiError, type TestApp } from '../helpers/test-app';

let smtp: SmtpReceiver;
let receiver: HttpReceiver;
let mailer: Mailer;
let t: TestApp;

beforeAll(async () => {
  [smtp, receiver] = await Promise.all([startSmtpReceiver(), startHttpReceiver()]);
  mailer = createMailer({ smtpUrl: smtp.smtpUrl, from: 'Muster <muster@example.com>' });
  t = await createTestApp({ mailer, outgoingAllowedHosts: [receiver.allowedHost] });
});
afterAll(async () => {
  await t.close();
  mailer.close();
  await Promise.all([smtp.close(), receiver.close()]);
});

const mine = '/api/v1/me/contact-methods';

/** A second apart, as people add them: the list is oldest first. */
async function create(cookie: string, body: Record<string, unknown>, path = mine): Promise<ContactMethod> {
  t.clock.advance(1000);
  const res = await t.request('POST', path, { cookie, body });
  expect(res.status, res.text).toBe(201);
  return res.json;
}

const list = async (cookie: string, path = mine): Promise<ContactMethod[]> => (await t.request('GET', path, { cookie })).json.items;
const verify = (cookie: string, id: string, code: string) => t.request('POST', `${mine}/${id}/verify`, { cookie, body: { code } });
const sendTest = (cookie: string, id: string) => t.request('POST', `${mine}/${id}/test`, { cookie });

/** Adds an email method and reads the code from the mail that arrived. */
async function addEmail(cookie: string): Promise<{ method: ContactMethod; code: string; address: string }> {
  const address = `person${t.unique()}@example.com`;
  const method = await create(cookie, { type: 'email', address });
  const code = /code is (\d{6})/.exec(smtp.lastTo(address)?.subject ?? '')?.[1];
  expect(code, `no verification email reached ${address}`).toBeDefined();
  return { method, code: code!, address };
}

const otherCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('email contact methods', () => {
  it('start unverified, mail a code, refuse a wrong one and are verified by the right one', async () => {
    const { cookie, user } = await t.signedInUser();
    const { method, code, address } = await addEmail(cookie);
    expect(method).toEqual({
      id: expect.any(String),
      userId: user.id,
      type: 'email',
      summary: address,
      verified: false,
      failing: false,
      lastError: null,
      lastSuccessAt: null,
      lastFailureAt: null,
      createdAt: t.clock.now().toISOString(),
    });
    const mail = smtp.lastTo(address)!;
    expect(mail.text).toContain(`Your Muster verification code is ${code}.`);
    expect(mail.from?.value).toEqual([{ address: 'muster@example.com', name: 'Muster' }]);

    expect(expectApiError(await sendTest(cookie, method.id), 409).message).toBe(`verify ${address} first: enter the code sent to it`);
    expect(expectApiError(await verify(cookie, method.id, otherCode(code)), 400).message).toBe('code: wrong code; 4 tries left');
    expectApiError(await verify(cookie, method.id, 'abc'), 400);

    const verified = await verify(cookie, method.id, code);
    expect(verified.status, verified.text).toBe(200);
    expect(verified.json).toMatchObject({ id: method.id, verified: true });
    expect(await list(cookie)).toEqual([verified.json]);
    expect(expectApiError(await verify(cookie, method.id, code), 409).message).toBe(`${address} is already verified`);

    const tested = await sendTest(cookie, method.id);
    expect(tested.json).toEqual({ outcome: 'delivered' });
    expect(smtp.lastTo(address)?.subject).toBe('[SEV-4] Muster: Test message: this is how Muster pages you');
    expect((await list(cookie))[0]).toMatchObject({ lastSuccessAt: t.clock.now().toISOString(), failing: false });
  });

  it('refuse a code after 30 minutes', async () => {
    const { cookie } = await t.signedInUser();
    const { method, code } = await addEmail(cookie);
    t.clock.advance(30 * 60_000);
    expect(expectApiError(await verify(cookie, method.id, code), 400).message).toMatch(/^code: the code has expired \(codes work for 30 minutes\); delete this contact method and add it again/);
    expect((await list(cookie))[0].verified).toBe(false);
  });

  it('void the code after 5 wrong tries, and say so', async () => {
    const { cookie } = await t.signedInUser();
    const { method, code } = await addEmail(cookie);
    const wrong = otherCode(code);
    for (const left of [4, 3, 2, 1]) expect(expectApiError(await verify(cookie, method.id, wrong), 400).message).toBe(`code: wrong code; ${left} ${left === 1 ? 'try' : 'tries'} left`);
    expect(expectApiError(await verify(cookie, method.id, wrong), 400).message).toMatch(/^code: wrong code, and that was the 5th: the code sent no longer works/);
    expect(expectApiError(await verify(cookie, method.id, code), 400).message).toMatch(/^code: 5 wrong codes were entered, so the code sent no longer works; delete/);
    expect((await list(cookie))[0].verified).toBe(false);
  });

  it('store nothing when the mail server refuses the address', async () => {
    const { cookie } = await t.signedInUser();
    const res = await t.request('POST', mine, { cookie, body: { type: 'email', address: 'refused@example.com' } });
    expect(expectApiError(res, 502, 'mail_not_sent').message).toBe('could not send the verification code to refused@example.com: mail server answered 550 No such user');
    expect(await list(cookie)).toEqual([]);
  });

  it('mail at most five codes an hour for one user, so nobody can make Muster mail strangers', async () => {
    const { cookie } = await t.signedInUser();
    for (let i = 0; i < 5; i++) await addEmail(cookie);
    const address = `stranger${t.unique()}@example.com`;
    const refused = await t.request('POST', mine, { cookie, body: { type: 'email', address } });
    // The first code went 4 s before this refusal (one add a second): it leaves the hour that much sooner.
    expect(refused.headers.get('Retry-After')).toBe(String(3600 - 4));
    expect(expectApiError(refused, 429, 'rate_limited').message).toBe('too many verification emails in the last hour; try again in 60 min');
    expect(smtp.lastTo(address)).toBeUndefined();
    // Someone else is not held up by it.
    await addEmail((await t.signedInUser()).cookie);
  });

  it('are refused when the server has no mail set up', async () => {
    const bare = await createTestApp();
    try {
      const { cookie } = await bare.signedInUser();
      const res = await bare.request('POST', mine, { cookie, body: { type: 'email', address: 'dana@example.com' } });
      expect(expectApiError(res, 409).message).toBe('email is not set up on this server: the operator sets SMTP_URL and MUSTER_MAIL_FROM');
    } finally {
      await bare.close();
    }
  });
});

describe('ntfy, webhook and chat contact methods', () => {
  it('are verified at once, with summaries that leak no secret', async () => {
    const { cookie } = await t.signedInUser();
    const secrets = ['tk_0123456789abcdefghijklmnopqr', 'webhook-secret-42', 'T000/B000/XXXXSECRET', 'key=query-secret'];
    const ntfy = await create(cookie, { type: 'ntfy', serverUrl: 'https://ntfy.sh', topic: 'muster-dana', accessToken: secrets[0] });
    const webhook = await create(cookie, { type: 'webhook', url: `https://hooks.example.com/muster?${secrets[3]}`, secret: secrets[1] });
    const slack = await create(cookie, { type: 'slack', webhookUrl: `https://hooks.slack.com/services/${secrets[2]}` });
    expect([ntfy, webhook, slack].map(({ type, summary, verified }) => ({ type, summary, verified }))).toEqual([
      { type: 'ntfy', summary: 'ntfy.sh · muster-dana', verified: true },
      { type: 'webhook', summary: 'hooks.example.com', verified: true },
      { type: 'slack', summary: 'hooks.slack.com', verified: true },
    ]);
    const listed = await t.request('GET', mine, { cookie });
    expect(listed.json.items).toEqual([ntfy, webhook, slack]);
    for (const secret of secrets) expect(JSON.stringify([ntfy, webhook, slack]) + listed.text).not.toContain(secret);
  });

  it('refuse internal addresses unless the operator allowed the host, naming the field', async () => {
    const { cookie } = await t.signedInUser();
    const refused = async (body: Record<string, unknown>) => expectApiError(await t.request('POST', mine, { cookie, body }), 400).message;
    expect(await refused({ type: 'webhook', url: 'http://10.0.0.1/hook' })).toMatch(/^url: names the IP address 10\.0\.0\.1 .*MUSTER_OUTGOING_ALLOWED_HOSTS/);
    expect(await refused({ type: 'ntfy', serverUrl: 'http://[::1]', topic: 'alerts' })).toMatch(/^serverUrl: names the IP address \[::1\]/);
    expect(await refused({ type: 'slack', webhookUrl: 'https://169.254.169.254/latest' })).toMatch(/^webhookUrl: names the IP address 169\.254\.169\.254/);
    expect(await refused({ type: 'webhook', url: 'http://127.0.0.1:9/hook' })).toMatch(/^url: port 9 is not allowed for 127\.0\.0\.1; .*MUSTER_OUTGOING_ALLOWED_HOSTS/);
    expect(await refused({ type: 'sms', number: '+15550100' })).toMatch(/type must be one of email, ntfy, webhook, slack/);
    expect(await create(cookie, { type: 'webhook', url: `${receiver.origin}/hook` })).toMatchObject({ summary: receiver.allowedHost, verified: true });
  });
});

describe('POST …/contact-methods/:id/test', () => {
  it('signs a test webhook, publishes to ntfy and posts to a chat hook', async () => {
    const { cookie } = await t.signedInUser();
    const webhook = await create(cookie, { type: 'webhook', url: `${receiver.origin}/hook`, secret: 'shh' });
    expect((await sendTest(cookie, webhook.id)).json).toEqual({ outcome: 'delivered', status: 200 });
    const hook = receiver.received.at(-1)!;
    expect(JSON.parse(hook.body)).toEqual({ type: 'test', message: expect.any(String), sentAt: t.clock.now().toISOString() });
    const signed = `${hook.headers['x-muster-timestamp']}.${hook.body}`;
    expect(hook.headers['x-muster-signature']).toBe(`sha256=${createHmac('sha256', 'shh').update(signed).digest('hex')}`);

    const ntfy = await create(cookie, { type: 'ntfy', serverUrl: receiver.origin, topic: 'dana', accessToken: 'tk_local' });
    expect((await sendTest(cookie, ntfy.id)).json).toEqual({ outcome: 'delivered', status: 200 });
    expect(receiver.received.at(-1)).toMatchObject({ path: '/dana', headers: { 'x-priority': '5', authorization: 'Bearer tk_local' } });

    const slack = await create(cookie, { type: 'slack', webhookUrl: `${receiver.origin}/services/T1/B2/c3` });
    expect((await sendTest(cookie, slack.id)).json).toEqual({ outcome: 'delivered', status: 200 });
    expect(JSON.parse(receiver.received.at(-1)!.body).text).toContain('Test message: this is how Muster pages you');
  });

  it('records failures, marks the method failing after three in a row, and clears that on a success', async () => {
    const { cookie } = await t.signedInUser();
    const method = await create(cookie, { type: 'webhook', url: `${receiver.origin}/flaky` });
    receiver.answerWith(500, 500, 400);
    expect((await sendTest(cookie, method.id)).json).toEqual({ outcome: 'retryable', status: 500, error: 'webhook answered 500' });
    expect((await list(cookie))[0]).toMatchObject({ failing: false, lastError: 'webhook answered 500', lastFailureAt: t.clock.now().toISOString() });
    await sendTest(cookie, method.id);
    expect((await sendTest(cookie, method.id)).json).toEqual({ outcome: 'rejected', status: 400, error: 'webhook answered 400' });
    expect((await list(cookie))[0]).toMatchObject({ failing: true, lastError: 'webhook answered 400' });
    expect((await sendTest(cookie, method.id)).json.outcome).toBe('delivered');
    expect((await list(cookie))[0]).toMatchObject({ failing: false, lastSuccessAt: t.clock.now().toISOString() });
  });
});

describe('whose contact methods', () => {
  it('/me reaches only the caller’s own: another user’s id is not found', async () => {
    const owner = await t.signedInUser();
    const other = await t.signedInUser();
    const method = await create(owner.cookie, { type: 'slack', webhookUrl: 'https://hooks.slack.com/services/a/b/c' });
    expect(await list(other.cookie)).toEqual([]);
    expectApiError(await t.request('DELETE', `${mine}/${method.id}`, { cookie: other.cookie }), 404);
    expectApiError(await sendTest(other.cookie, method.id), 404);
    expectApiError(await verify(other.cookie, method.id, '123456'), 404);
    expect(await list(owner.cookie)).toEqual([method]);

    expect((await t.request('DELETE', `${mine}/${method.id}`, { cookie: owner.cookie })).status).toBe(204);
    expect(await list(owner.cookie)).toEqual([]);
    expectApiError(await t.request('DELETE', `${mine}/${method.id}`, { cookie: owner.cookie }), 404);
  });

  it('admins manage anyone’s under /users/:userId; responders may not', async () => {
    const admin = await t.signedInUser('admin');
    const dana = await t.signedInUser();
    const responder = await t.signedInUser();
    const theirs = `/api/v1/users/${dana.user.id}/contact-methods`;

    const method = await create(admin.cookie, { type: 'ntfy', serverUrl: 'https://ntfy.sh', topic: 'dana' }, theirs);
    expect(method.userId).toBe(dana.user.id);
    expect(await list(dana.cookie)).toEqual([method]);
    expect(await list(admin.cookie, theirs)).toEqual([method]);
    expect(await list(admin.cookie)).toEqual([]);

    const emailed = await create(admin.cookie, { type: 'email', address: `dana${t.unique()}@example.com` }, theirs);
    const code = /code is (\d{6})/.exec(smtp.lastTo(emailed.summary)!.subject!)![1];
    const verified = await t.request('POST', `${theirs}/${emailed.id}/verify`, { cookie: admin.cookie, body: { code } });
    expect(verified.json).toMatchObject({ verified: true });

    for (const [method_, path, body] of [
      ['GET', theirs, undefined],
      ['POST', theirs, { type: 'slack', webhookUrl: 'https://hooks.slack.com/services/x' }],
      ['DELETE', `${theirs}/${method.id}`, undefined],
      ['POST', `${theirs}/${method.id}/test`, undefined],
    ] as const) {
      expectApiError(await t.request(method_, path, { cookie: responder.cookie, body }), 403);
    }
    expect((await t.request('DELETE', `${theirs}/${method.id}`, { cookie: admin.cookie })).status).toBe(204);
    expect(await list(dana.cookie)).toEqual([verified.json]);
    const nobody = '/api/v1/users/no-such-user/contact-methods';
    expectApiError(await t.request('GET', nobody, { cookie: admin.cookie }), 404);
    expectApiError(await t.request('POST', nobody, { cookie: admin.cookie, body: { type: 'slack', webhookUrl: 'https://hooks.slack.com/services/x' } }), 404);
  });
});
