import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../server/app';
import { openDatabase, type Db } from '../../server/db/client';
import type { AppDeps } from '../../server/http/env';
import { createUser } from '../../server/services/accounts/create-user';
import type { Role } from '../../shared/api/common';
import { FakeClock } from './fake-clock';

export const testPassword = 'correct horse battery';

export interface RequestOptions {
  body?: unknown;
  /** Sends a raw string body as-is (for malformed JSON tests). */
  rawBody?: string;
  cookie?: string;
  token?: string;
  headers?: Record<string, string>;
}

/** A Muster app on a fresh SQLite file with the real migrations and a fake clock. */
export function createTestApp(overrides: Partial<AppDeps> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'muster-test-'));
  const db: Db = openDatabase(join(dir, 'muster.db'));
  const clock = new FakeClock();
  const app = createApp({ db, clock, ...overrides });

  async function request(method: string, path: string, options: RequestOptions = {}) {
    const headers: Record<string, string> = { ...options.headers };
    if (options.cookie) headers.Cookie = options.cookie;
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['Content-Type'] ??= 'application/json';
    } else if (body !== undefined) headers['Content-Type'] ??= 'application/json';
    const res = await app.request(path, { method, headers, body });
    const text = await res.text();
    const json = text && res.headers.get('Content-Type')?.includes('json') ? JSON.parse(text) : undefined;
    return { status: res.status, headers: res.headers, json, text };
  }

  let userCount = 0;

  /** Creates a user with the given role and signs them in; returns their cookie. */
  async function signedInUser(role: Role = 'responder', name?: string) {
    userCount += 1;
    const email = `${role}${userCount}@example.com`;
    const user = await createUser(db, { email, name: name ?? `${role} ${userCount}`, password: testPassword, role }, clock.now());
    const res = await request('POST', '/api/v1/auth/login', { body: { email, password: testPassword } });
    const cookie = res.headers.get('Set-Cookie')?.split(';')[0];
    if (res.status !== 200 || !cookie) throw new Error(`login failed: ${res.status} ${res.text}`);
    return { user, cookie };
  }

  async function createService(adminCookie: string, name = `service ${++userCount}`) {
    const res = await request('POST', '/api/v1/services', { cookie: adminCookie, body: { name } });
    if (res.status !== 201) throw new Error(`service create failed: ${res.status} ${res.text}`);
    return res.json as { id: string; integrationKey: string };
  }

  function close() {
    db.$client.close();
    rmSync(dir, { recursive: true, force: true });
  }

  return { app, db, clock, dir, request, signedInUser, createService, close };
}

export type TestApp = ReturnType<typeof createTestApp>;
