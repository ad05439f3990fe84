import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageEmail, verificationEmail } from '../../server/channels/email-page';
import { createMailer } from '../../server/channels/mailer';
import { pageMessageFixture } from '../../server/channels/page-message.fixture';
import { makeLoopbackCertificate } from '../helpers/certificate';

// Real SMTP servers on loopback receive what the mailer sends; the messages are parsed as a mail client would.

interface Delivery {
  from: string | undefined;
  to: string[];
  secure: boolean;
  user: string | undefined;
  mail: ParsedMail;
}

/** Recipients at these local parts are refused with that SMTP reply code. */
const refusals: Record<string, number> = { gone: 550, busy: 451 };

async function startSmtp(options: Partial<SMTPServerOptions>) {
  const deliveries: Delivery[] = [];
  const server = new SMTPServer({
    authOptional: true,
    logger: false,
    onRcptTo(address, _session, callback) {
      const code = refusals[address.address.split('@')[0]];
      if (!code) return callback();
      callback(Object.assign(new Error(code === 550 ? 'No such user' : 'Try again later'), { responseCode: code }));
    },
    onData(stream, session, callback) {
      simpleParser(stream).then((mail) => {
        deliveries.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          secure: session.secure,
          user: session.user as string | undefined,
          mail,
        });
        callback();
      }, callback);
    },
    ...options,
  });
  const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.server.address() as AddressInfo).port)));
  return { port, deliveries, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

type Smtp = Awaited<ReturnType<typeof startSmtp>>;

let plain: Smtp;
let starttls: Smtp;
let certDir: string;
let certPem: string;

beforeAll(async () => {
  plain = await startSmtp({ disabledCommands: ['STARTTLS'] });
  certDir = await mkdtemp(join(tmpdir(), 'muster-smtp-'));
  const certificate = await makeLoopbackCertificate(certDir);
  certPem = certificate.certPem;
  starttls = await startSmtp({
    key: await readFile(certificate.keyFile),
    cert: certPem,
    authOptional: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'muster' && auth.password === 'p@ss word') return callback(null, { user: auth.username });
      callback(new Error('Invalid username or password'));
    },
  });
});
afterAll(async () => {
  await Promise.all([plain.close(), starttls.close()]);
  await rm(certDir, { recursive: true, force: true });
});

const from = 'Muster <muster@example.com>';
const message = pageMessageFixture({ title: 'Zahlungen schlagen fehl — <b>überall</b>' });

describe('the page email over SMTP', () => {
  it('arrives with severity, service and title in the subject and both links in each body', async () => {
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${plain.port}`, from });
    const outcome = await mailer.send({ to: 'dana@example.com', ...pageEmail(message) });
    mailer.close();
    expect(outcome).toEqual({ kind: 'delivered' });

    const delivery = plain.deliveries.at(-1)!;
    expect(delivery).toMatchObject({ from: 'muster@example.com', to: ['dana@example.com'], secure: false });
    const { mail } = delivery;
    expect(mail.subject).toBe('[SEV-1] Checkout: Zahlungen schlagen fehl — <b>überall</b>');
    expect(mail.from?.value).toEqual([{ address: 'muster@example.com', name: 'Muster' }]);
    expect(mail.to).toMatchObject({ value: [{ address: 'dana@example.com' }] });
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
    expect(mail.text).toContain('#42 Zahlungen schlagen fehl — <b>überall</b>');
    expect(mail.text).toContain(`Open the incident: ${message.incidentUrl}`);
    expect(mail.text).toContain(`Acknowledge: ${message.acknowledgeUrl}`);
    const links = [...(mail.html || '').matchAll(/<a href="([^"]*)">([^<]*)<\/a>/g)].map(([, href, label]) => [label, href]);
    expect(links).toEqual([
      ['Open the incident', message.incidentUrl],
      ['Acknowledge', message.acknowledgeUrl],
    ]);
    expect(mail.html).toContain('&lt;b&gt;überall&lt;/b&gt;');
  });

  it('upgrades with STARTTLS when the server offers it, and signs in with the URL’s user and password', async () => {
    const mailer = createMailer({ smtpUrl: `smtp://muster:p%40ss%20word@127.0.0.1:${starttls.port}`, from, tls: { ca: certPem } });
    const outcome = await mailer.send({ to: 'dana@example.com', ...verificationEmail('123456') });
    mailer.close();
    expect(outcome).toEqual({ kind: 'delivered' });
    const delivery = starttls.deliveries.at(-1)!;
    expect(delivery).toMatchObject({ secure: true, user: 'muster', to: ['dana@example.com'] });
    expect(delivery.mail.subject).toBe('Your Muster verification code is 123456');
    expect(delivery.mail.text).toContain('within 30 minutes');
  });

  it('is rejected when the credentials are refused (535)', async () => {
    const mailer = createMailer({ smtpUrl: `smtp://muster:wrong@127.0.0.1:${starttls.port}`, from, tls: { ca: certPem } });
    expect(await mailer.send({ to: 'dana@example.com', ...pageEmail(message) })).toMatchObject({ kind: 'rejected', error: expect.stringMatching(/^mail server answered 535/) });
    mailer.close();
  });

  it('is rejected on a permanent refusal (550) and retried on a temporary one (451)', async () => {
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${plain.port}`, from });
    const count = plain.deliveries.length;
    expect(await mailer.send({ to: 'gone@example.com', ...pageEmail(message) })).toEqual({ kind: 'rejected', error: 'mail server answered 550 No such user' });
    expect(await mailer.send({ to: 'busy@example.com', ...pageEmail(message) })).toEqual({ kind: 'retryable', error: 'mail server answered 451 Try again later' });
    mailer.close();
    expect(plain.deliveries).toHaveLength(count);
  });

  it('is retried when the mail server cannot be reached', async () => {
    const closed = createServer();
    const port = await new Promise<number>((resolve) => closed.listen(0, '127.0.0.1', () => resolve((closed.address() as AddressInfo).port)));
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from });
    expect(await mailer.send({ to: 'dana@example.com', ...pageEmail(message) })).toEqual({ kind: 'retryable', error: 'could not reach the mail server (ESOCKET)' });
    mailer.close();
  });
});
