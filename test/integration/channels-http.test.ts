import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createChannelHttp, type ChannelHttp } from '../../server/channels/http-delivery';
import { sendNtfy } from '../../server/channels/ntfy';
import { pageMessageFixture } from '../../server/channels/page-message.fixture';
import { sendSlack } from '../../server/channels/slack';
import { sendWebhook } from '../../server/channels/webhook';

// A local server plays ntfy, the webhook receiver and the chat service, and records exactly what arrived.

interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

interface Receiver {
  origin: string;
  port: number;
  received: Received[];
  /** How the next requests are answered, in order; 200 once they run out. */
  answers: Array<(res: ServerResponse) => void>;
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  const answers: Receiver['answers'] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ method: req.method!, path: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      (answers.shift() ?? ((r) => r.writeHead(200).end('ok')))(res);
    });
  });
  const port = await listen(server);
  return { origin: `http://127.0.0.1:${port}`, port, received, answers, close: () => closeServer(server) };
}

const listen = (server: Server) =>
  new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
const closeServer = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

/** A port nothing listens on: taken, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  const port = await listen(server);
  await closeServer(server);
  return port;
}

const decodeWords = (header: string) =>
  Buffer.concat(header.split(' ').map((word) => Buffer.from(/^=\?UTF-8\?B\?(.*)\?=$/.exec(word)![1], 'base64'))).toString('utf8');

let receiver: Receiver;
let outsider: Receiver; // listening, but not on the allow-list
let silent: Server; // accepts connections and never answers
let silentPort: number;
let deadPort: number;
let http: ChannelHttp;

beforeAll(async () => {
  receiver = await startReceiver();
  outsider = await startReceiver();
  silent = createServer(() => {});
  silentPort = await listen(silent);
  deadPort = await closedPort();
  http = createChannelHttp({ allowedHosts: [`127.0.0.1:${receiver.port}`, `127.0.0.1:${silentPort}`, `127.0.0.1:${deadPort}`], timeoutMs: 300 });
});
afterAll(async () => {
  silent.closeAllConnections();
  await Promise.all([receiver.close(), outsider.close(), closeServer(silent)]);
});
beforeEach(() => {
  receiver.received.length = 0;
  receiver.answers.length = 0;
});

const message = pageMessageFixture();

describe('ntfy', () => {
  it('publishes to the topic with the exact headers ntfy reads, and an acknowledge action whose JSON body survives', async () => {
    const outcome = await sendNtfy(http, { serverUrl: receiver.origin, topic: 'muster-dana', accessToken: 'tk_abc123' }, pageMessageFixture({ service: 'Café — Zahlung' }));
    expect(outcome).toEqual({ kind: 'delivered', status: 200 });
    const [request] = receiver.received;
    expect(request).toMatchObject({ method: 'POST', path: '/muster-dana', body: '#42 Card payments fail' });
    expect(request.headers).toMatchObject({
      'content-type': 'text/plain; charset=utf-8',
      'x-priority': '5',
      tags: 'rotating_light',
      click: 'https://muster.example.com/incidents/inc_7f3a',
      authorization: 'Bearer tk_abc123',
    });
    expect(decodeWords(request.headers.title as string)).toBe('SEV-1 · Café — Zahlung');
    const action = /^http, Acknowledge, '([^']*)', method=POST, headers\.Content-Type=application\/json, body='([^']*)', clear=true$/.exec(request.headers.actions as string);
    expect(action?.[1]).toBe(message.acknowledgeUrl);
    expect(JSON.parse(action![2])).toEqual({ token: message.ackToken });
  });

  it('is rejected on 401 with an error naming ntfy and the status', async () => {
    receiver.answers.push((res) => res.writeHead(401, { 'Content-Type': 'application/json' }).end('{"code":40101,"error":"unauthorized"}'));
    expect(await sendNtfy(http, { serverUrl: receiver.origin, topic: 'muster-dana', accessToken: 'tk_wrong' }, message)).toEqual({
      kind: 'rejected',
      status: 401,
      error: 'ntfy answered 401',
    });
  });
});

describe('webhook', () => {
  it('POSTs the page as JSON with a signature the receiver can check over the raw body', async () => {
    const before = Math.floor(Date.now() / 1000);
    expect(await sendWebhook(http, { url: `${receiver.origin}/hooks/muster?team=ops`, secret: 's3cret' }, message)).toEqual({ kind: 'delivered', status: 200 });
    const [request] = receiver.received;
    expect(request).toMatchObject({ method: 'POST', path: '/hooks/muster?team=ops' });
    expect(request.headers).toMatchObject({ 'content-type': 'application/json', 'user-agent': 'Muster' });
    const timestamp = Number(request.headers['x-muster-timestamp']);
    expect(timestamp).toBeGreaterThanOrEqual(before);
    expect(timestamp).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000));
    const signature = createHmac('sha256', 's3cret').update(`${timestamp}.${request.body}`).digest('hex');
    expect(request.headers['x-muster-signature']).toBe(`sha256=${signature}`);
    expect(JSON.parse(request.body)).toEqual({
      type: 'page',
      incident: { id: 'inc_7f3a', number: 42, title: 'Card payments fail', severity: 'SEV-1', service: 'Checkout', url: message.incidentUrl, drill: false },
      acknowledgeUrl: message.acknowledgeUrl,
      ackToken: message.ackToken,
      sentAt: message.sentAt,
    });
  });

  it('sends no signature header without a secret', async () => {
    await sendWebhook(http, { url: `${receiver.origin}/hook` }, message);
    expect(receiver.received[0].headers).not.toHaveProperty('x-muster-signature');
    expect(receiver.received[0].headers).toHaveProperty('x-muster-timestamp');
  });

  it('is retried on 500, and after the delay a 503 names in Retry-After', async () => {
    receiver.answers.push((res) => res.writeHead(500).end('boom'));
    receiver.answers.push((res) => res.writeHead(503, { 'Retry-After': '120' }).end());
    receiver.answers.push((res) => res.writeHead(429, { 'Retry-After': '7' }).end());
    const destination = { url: `${receiver.origin}/hook`, secret: 'k' };
    expect(await sendWebhook(http, destination, message)).toEqual({ kind: 'retryable', status: 500, error: 'webhook answered 500' });
    expect(await sendWebhook(http, destination, message)).toEqual({ kind: 'retryable', status: 503, retryAfterMs: 120_000, error: 'webhook answered 503' });
    expect(await sendWebhook(http, destination, message)).toEqual({ kind: 'retryable', status: 429, retryAfterMs: 7_000, error: 'webhook answered 429' });
    expect(receiver.received).toHaveLength(3);
  });

  it('is rejected on a redirect, which it does not follow', async () => {
    receiver.answers.push((res) => res.writeHead(302, { Location: `${outsider.origin}/elsewhere` }).end());
    expect(await sendWebhook(http, { url: `${receiver.origin}/hook` }, message)).toEqual({ kind: 'rejected', status: 302, error: 'webhook answered 302' });
    expect(outsider.received).toEqual([]);
  });
});

describe('Slack-compatible chat webhook', () => {
  it('POSTs { text } with severity, service and links', async () => {
    expect(await sendSlack(http, { webhookUrl: `${receiver.origin}/hooks/abc` }, pageMessageFixture({ title: 'a < b' }))).toEqual({ kind: 'delivered', status: 200 });
    const [request] = receiver.received;
    expect(request).toMatchObject({ method: 'POST', path: '/hooks/abc', headers: expect.objectContaining({ 'content-type': 'application/json' }) });
    expect(JSON.parse(request.body)).toEqual({
      text: `:rotating_light: *SEV-1* · Checkout\n<${message.incidentUrl}|#42 a &lt; b> · <${message.acknowledgeUrl}|Acknowledge>`,
    });
  });

  it('is rejected on 400', async () => {
    receiver.answers.push((res) => res.writeHead(400).end('invalid_payload'));
    expect(await sendSlack(http, { webhookUrl: `${receiver.origin}/hooks/abc` }, message)).toEqual({ kind: 'rejected', status: 400, error: 'chat webhook answered 400' });
  });
});

describe('unreachable receivers', () => {
  it('retries a closed port without saying how the connection failed', async () => {
    const outcome = await sendWebhook(http, { url: `http://127.0.0.1:${deadPort}/hook` }, message);
    expect(outcome).toEqual({ kind: 'retryable', error: `could not reach http://127.0.0.1:${deadPort}` });
  });

  it('retries a receiver that never answers, after the timeout', async () => {
    const started = Date.now();
    const outcome = await sendNtfy(http, { serverUrl: `http://127.0.0.1:${silentPort}`, topic: 't' }, message);
    expect(outcome).toEqual({ kind: 'retryable', error: `could not reach http://127.0.0.1:${silentPort}` });
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('the outgoing-URL policy', () => {
  it('rejects an internal address the operator did not allow, without sending anything', async () => {
    expect(await sendWebhook(http, { url: `${outsider.origin}/hook` }, message)).toEqual({
      kind: 'rejected',
      error: `cannot send: the webhook URL port ${outsider.port} is not allowed for 127.0.0.1; an administrator can allow it with MUSTER_OUTGOING_ALLOWED_HOSTS (host:port)`,
    });
    expect(await sendWebhook(createChannelHttp(), { url: `${outsider.origin}/hook` }, message)).toEqual({
      kind: 'rejected',
      error: 'cannot send: the webhook URL names the IP address 127.0.0.1 instead of a host name; an administrator can allow it with MUSTER_OUTGOING_ALLOWED_HOSTS',
    });
    expect(await sendSlack(http, { webhookUrl: 'http://10.0.0.1/hooks/abc' }, message)).toEqual({
      kind: 'rejected',
      error: 'cannot send: the chat webhook URL names the IP address 10.0.0.1 instead of a host name; an administrator can allow it with MUSTER_OUTGOING_ALLOWED_HOSTS',
    });
    expect(outsider.received).toEqual([]);
  });

  it('rejects a host name that resolves inward, at connection time, even to an address allowed on another port', async () => {
    const outcome = await sendNtfy(http, { serverUrl: 'http://localhost', topic: 't' }, message);
    expect(outcome).toEqual({
      kind: 'rejected',
      error: "cannot send: localhost leads into Muster's own network; an administrator can allow it with MUSTER_OUTGOING_ALLOWED_HOSTS",
    });
  });

  it('reaches an internal host through a name the operator allowed', async () => {
    const named = createChannelHttp({ allowedHosts: [`localhost:${receiver.port}`] });
    expect(await sendSlack(named, { webhookUrl: `http://localhost:${receiver.port}/hooks/abc` }, message)).toEqual({ kind: 'delivered', status: 200 });
    expect(receiver.received).toHaveLength(1);
  });
});
