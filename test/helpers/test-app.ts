import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { hashPassword } from '../../server/auth/password';
import { createSession } from '../../server/db/stores/credentials';
import { upsertSubscription } from '../../server/db/stores/push-subscriptions';
import { insertUser } from '../../server/db/stores/users';
import { sessionCookie } from '../../server/http/auth';
import { createMuster, type MusterOptions } from '../../server/muster';
import type { User } from '../../shared/api/accounts';
import type { Role } from '../../shared/api/common';
import type { IncidentDetail } from '../../shared/api/incidents';
import type { Service } from '../../shared/api/services';
import { FakeClock } from './fake-clock';
import { openTestDatabase } from './test-database';

export const testPassword = 'correct horse battery';
/** Hashed once: scrypt is slow on purpose, and the suites create hundreds of accounts. */
const testPasswordHash = hashPassword(testPassword);

export interface RequestOptions {
  body?: unknown;
  /** Sends a raw string body as-is (for malformed JSON tests). */
  rawBody?: string;
  cookie?: string;
  token?: string;
  headers?: Record<string, string>;
  /** The peer address the server sees, as a real connection would report it (rate limits key on it). */
  clientAddress?: string;
  /**
   * The page a browser would name as the write's Origin; null sends none. By default a cookie write comes
   * from the app itself, as the browser app's writes do.
   */
  origin?: string | null;
}

const readOnlyMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface TestResponse {
  status: number;
  headers: Headers;
  /** Loosely typed: each test asserts the fields it relies on. */
  json: any;
  text: string;
}

/**
 * A Muster app on a fresh database (a SQLite file, or a PostgreSQL database in that project) with the real
 * migrations and a fake clock. The paging engine has no timers: a test moves the clock and calls
 * `engine.runOnce()`.
 */
export async function createTestApp(overrides: Partial<Omit<MusterOptions, 'db' | 'clock' | 'dataDir'>> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'muster-test-'));
  const { db, url: databaseUrl, drop } = await openTestDatabase(dir);
  const clock = new FakeClock();
  const { app, engine } = await createMuster({ db, clock, dataDir: dir, vapidSubject: 'mailto:ops@example.com', timers: false, ...overrides });

  /** `path` may also be a full URL, e.g. `https://muster.test/api/v1/...` to look like HTTPS. */
  async function request(method: string, path: string, options: RequestOptions = {}): Promise<TestResponse> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.cookie) headers.Cookie = options.cookie;
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    const body = options.body !== undefined ? JSON.stringify(options.body) : options.rawBody;
    const writing = !readOnlyMethods.has(method);
    // The API takes JSON for every write, bodyless commands included.
    if (writing) headers['Content-Type'] ??= 'application/json';
    const origin = options.origin === undefined && options.cookie && writing ? new URL(path, 'http://localhost').origin : options.origin;
    if (origin) headers.Origin = origin;
    // @hono/node-server's getConnInfo reads the socket from the env binding.
    const env = options.clientAddress ? { incoming: { socket: { remoteAddress: options.clientAddress } } } : undefined;
    const res = await app.request(path, { method, headers, body }, env);
    const text = await res.text();
    const json = text && res.headers.get('Content-Type')?.includes('json') ? JSON.parse(text) : undefined;
    return { status: res.status, headers: res.headers, json, text };
  }

  let sequence = 0;
  /** A number unique within this app, for names and emails that must not collide. */
  const unique = () => ++sequence;

  /** Creates an account directly (no HTTP), with a unique email and the shared test password. */
  /**
   * Registers a phone for a user straight in the database, so escalation counts them as reachable. Its endpoint
   * goes nowhere: for tests about whom a step pages, not about delivery (usePagingSuite has a real push service).
   */
  async function addDevice(userId: string): Promise<void> {
    await upsertSubscription(db, { userId, endpoint: `https://push.invalid/${unique()}`, p256dh: 'p256dh', auth: 'auth', label: 'test phone' }, clock.now());
  }

  async function createAccount(role: Role = 'responder', name?: string): Promise<{ user: User; email: string }> {
    const n = unique();
    const email = `${role}${n}@example.com`;
    const user = await insertUser(db, { email, name: name ?? `${role} ${n}`, role, passwordHash: await testPasswordHash }, clock.now());
    return { user, email };
  }

  /** Signs in through the API and returns the `name=value` part of the session cookie. */
  async function login(email: string, password = testPassword, options: RequestOptions = {}): Promise<string> {
    const res = await request('POST', '/api/v1/auth/login', { ...options, body: { email, password } });
    const cookie = res.headers.get('Set-Cookie')?.split(';')[0];
    if (res.status !== 200 || !cookie) throw new Error(`login failed: ${res.status} ${res.text}`);
    return cookie;
  }

  /**
   * Creates a user with the given role and a session for them (made directly, skipping the
   * password check: the auth tests cover login); returns their cookie.
   */
  async function signedInUser(role: Role = 'responder', name?: string) {
    const { user, email } = await createAccount(role, name);
    const { secret } = await createSession(db, user.id, clock.now());
    return { user, email, cookie: `${sessionCookie}=${secret}` };
  }

  async function createService(adminCookie: string, body: Record<string, unknown> = {}): Promise<Service & { integrationKey: string }> {
    const res = await request('POST', '/api/v1/services', { cookie: adminCookie, body: { name: `service ${unique()}`, ...body } });
    if (res.status !== 201) throw new Error(`service create failed: ${res.status} ${res.text}`);
    return res.json;
  }

  async function createIncident(cookie: string, body: { serviceId: string } & Record<string, unknown>): Promise<IncidentDetail> {
    const res = await request('POST', '/api/v1/incidents', {
      cookie,
      body: { title: `incident ${unique()}`, severity: 'SEV-3', ...body },
    });
    if (res.status !== 201) throw new Error(`incident create failed: ${res.status} ${res.text}`);
    return res.json;
  }

  async function close() {
    await drop();
    rmSync(dir, { recursive: true, force: true });
  }

  return { app, engine, db, databaseUrl, clock, dir, request, unique, addDevice, createAccount, login, signedInUser, createService, createIncident, close };
}

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/** Asserts the status and the one error shape every endpoint answers with; returns the error. */
export function expectApiError(res: TestResponse, status: number, code?: string): { code: string; message: string } {
  expect({ status: res.status, text: res.text }).toMatchObject({ status });
  expect(res.json).toEqual({ error: { code: code ?? expect.any(String), message: expect.any(String) } });
  expect(res.json.error.message).not.toBe('');
  return res.json.error;
}
