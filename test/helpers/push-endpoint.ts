import { createECDH, createPublicKey, randomBytes, randomUUID, verify, type ECDH } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Agent, createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeLoopbackCertificate } from './certificate';

// http_ece ships no types; this is the one call the endpoint needs.
const ece = createRequire(import.meta.url)('http_ece') as {
  decrypt(body: Buffer, params: { version: 'aes128gcm'; privateKey: ECDH; authSecret: Buffer }): Buffer;
};

/** What the endpoint answers to the next message for a subscription. */
export interface PushResponse {
  status: number;
  retryAfter?: string;
  /** Wait this long before answering (to make a sender time out). */
  delayMs?: number;
}

export interface VapidCheck {
  valid: boolean;
  /** Why `valid` is false; null when valid. */
  reason: string | null;
  audience: string | null;
  subject: string | null;
  expiresAt: Date | null;
  publicKey: string | null;
}

export interface ReceivedPush {
  endpoint: string;
  label: string | null;
  receivedAt: { monotonicMs: number; date: Date };
  headers: { ttl: number | null; urgency: string | null; topic: string | null; contentEncoding: string | null };
  vapid: VapidCheck;
  bodyBytes: number;
  /** The decrypted plaintext; null when it could not be decrypted (see `decryptError`). */
  payload: string | null;
  decryptError: string | null;
  status: number;
}

export interface LocalSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/** Real push services refuse bigger bodies with 413. */
export const maxPushBodyBytes = 4096;

/**
 * A Web Push service on https://127.0.0.1:<random port> that decrypts and checks what it receives, like FCM or
 * Mozilla would (403 for a bad VAPID JWT, 413 over 4096 bytes, 404 for an unknown subscription), and otherwise
 * answers what the test queued with `respondWith` (201 when nothing is queued).
 */
export async function startPushEndpoint() {
  const dir = await mkdtemp(join(tmpdir(), 'muster-push-'));
  const { certFile: caFile, keyFile, certPem: caPem } = await makeLoopbackCertificate(dir);

  const subscriptions = new Map<string, { ecdh: ECDH; authSecret: Buffer; label: string | null; queue: PushResponse[] }>();
  const received: ReceivedPush[] = [];
  const waiters = new Set<{ predicate: (push: ReceivedPush) => boolean; resolve: (push: ReceivedPush) => void }>();
  const timers = new Set<NodeJS.Timeout>();

  const server = createServer({ key: await readFile(keyFile), cert: caPem }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => answer(req, res, Buffer.concat(chunks)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const agent = new Agent({ ca: caPem, keepAlive: true });

  function answer(req: IncomingMessage, res: ServerResponse, body: Buffer) {
    const receivedAt = { monotonicMs: performance.now(), date: new Date() };
    const endpoint = origin + (req.url ?? '');
    const subscription = subscriptions.get(req.url?.replace(/^\/push\//, '') ?? '');
    const vapid = checkVapid(req.headers.authorization, origin);
    const header = (name: string) => (req.headers[name] as string | undefined) ?? null;
    let payload: string | null = null;
    let decryptError: string | null = null;
    try {
      if (!subscription) throw new Error('unknown subscription');
      if (header('content-encoding') !== 'aes128gcm') throw new Error(`Content-Encoding is ${header('content-encoding')}`);
      payload = ece.decrypt(body, { version: 'aes128gcm', privateKey: subscription.ecdh, authSecret: subscription.authSecret }).toString('utf8');
    } catch (err) {
      decryptError = (err as Error).message;
    }
    // Checks a real push service makes come first and do not use up the queued answers.
    let response: PushResponse;
    if (!subscription) response = { status: 404 };
    else if (body.length > maxPushBodyBytes) response = { status: 413 };
    else if (!vapid.valid) response = { status: 403 };
    else response = subscription.queue.shift() ?? { status: 201 };

    const push: ReceivedPush = {
      endpoint,
      label: subscription?.label ?? null,
      receivedAt,
      headers: { ttl: header('ttl') === null ? null : Number(header('ttl')), urgency: header('urgency'), topic: header('topic'), contentEncoding: header('content-encoding') },
      vapid,
      bodyBytes: body.length,
      payload,
      decryptError,
      status: response.status,
    };
    received.push(push);
    for (const waiter of waiters) if (waiter.predicate(push)) waiter.resolve(push);

    const send = () => {
      res.writeHead(response.status, {
        ...(response.retryAfter !== undefined && { 'Retry-After': response.retryAfter }),
        ...(response.status === 201 && { Location: `${endpoint}/messages/${randomUUID()}` }),
      });
      res.end();
    };
    if (!response.delayMs) return send();
    const timer = setTimeout(() => (timers.delete(timer), send()), response.delayMs);
    timers.add(timer);
  }

  return {
    origin,
    /** `127.0.0.1:<port>`: the MUSTER_PUSH_ALLOWED_HOSTS entry that lets Muster send here. */
    host: new URL(origin).host,
    caPem,
    /** For NODE_EXTRA_CA_CERTS in a child process. */
    caFile,
    /** For in-process senders: trusts this endpoint's certificate only, and keeps connections open. */
    agent,
    received,

    newSubscription(label?: string): LocalSubscription {
      const id = randomUUID();
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const authSecret = randomBytes(16);
      subscriptions.set(id, { ecdh, authSecret, label: label ?? null, queue: [] });
      return { endpoint: `${origin}/push/${id}`, keys: { p256dh: ecdh.getPublicKey('base64url'), auth: authSecret.toString('base64url') } };
    },

    respondWith(target: string | { endpoint: string }, ...responses: PushResponse[]) {
      const endpoint = typeof target === 'string' ? target : target.endpoint;
      const subscription = subscriptions.get(endpoint.slice(`${origin}/push/`.length));
      if (!endpoint.startsWith(`${origin}/push/`) || !subscription) throw new Error(`${endpoint} is not a subscription of this endpoint`);
      subscription.queue.push(...responses);
    },

    /** Resolves with the first message (already received or still to come) that matches. */
    waitFor(predicate: (push: ReceivedPush) => boolean = () => true, timeoutMs = 5000): Promise<ReceivedPush> {
      const found = received.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = {
          predicate,
          resolve: (push: ReceivedPush) => (clearTimeout(timer), waiters.delete(waiter), resolve(push)),
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no matching push within ${timeoutMs} ms (received ${received.length})`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },

    async close() {
      for (const timer of timers) clearTimeout(timer);
      agent.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export type PushEndpoint = Awaited<ReturnType<typeof startPushEndpoint>>;

/** Checks the `Authorization: vapid t=<JWT>, k=<public key>` header as RFC 8292 says a push service must. */
export function checkVapid(authorization: string | undefined, audience: string, now = new Date()): VapidCheck {
  const result: VapidCheck = { valid: false, reason: null, audience: null, subject: null, expiresAt: null, publicKey: null };
  const fail = (reason: string) => ({ ...result, reason });
  const scheme = /^vapid\s+(.+)$/i.exec(authorization ?? '');
  if (!scheme) return fail('no "vapid" Authorization header');
  const params = new Map(scheme[1].split(',').map((part) => part.trim().split('=', 2) as [string, string]));
  const [token, publicKey] = [params.get('t'), params.get('k')];
  if (!token || !publicKey) return fail('the Authorization header lacks t= or k=');
  result.publicKey = publicKey;
  try {
    const [headerPart, claimsPart, signature] = token.split('.');
    const header = JSON.parse(Buffer.from(headerPart, 'base64url').toString('utf8'));
    const claims = JSON.parse(Buffer.from(claimsPart, 'base64url').toString('utf8'));
    result.audience = typeof claims.aud === 'string' ? claims.aud : null;
    result.subject = typeof claims.sub === 'string' ? claims.sub : null;
    result.expiresAt = typeof claims.exp === 'number' ? new Date(claims.exp * 1000) : null;
    if (header.alg !== 'ES256') return fail(`alg is ${header.alg}, not ES256`);
    const point = Buffer.from(publicKey, 'base64url');
    if (point.length !== 65 || point[0] !== 4) return fail('k= is not an uncompressed P-256 public key');
    const key = createPublicKey({
      key: { kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33).toString('base64url') },
      format: 'jwk',
    });
    const signed = Buffer.from(`${headerPart}.${claimsPart}`);
    if (!verify('sha256', signed, { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature ?? '', 'base64url'))) {
      return fail('the JWT signature does not verify with k=');
    }
    if (result.audience !== audience) return fail(`aud is ${result.audience}, expected ${audience}`);
    const expiresMs = result.expiresAt?.getTime() ?? Number.NaN;
    if (!(expiresMs > now.getTime())) return fail('exp is missing or in the past');
    if (expiresMs > now.getTime() + 24 * 3600_000) return fail('exp is more than 24 hours ahead');
    if (!/^(mailto:|https:)/.test(result.subject ?? '')) return fail('sub is not a mailto: or https: URL');
  } catch (err) {
    return fail(`malformed JWT: ${(err as Error).message}`);
  }
  return { ...result, valid: true };
}
