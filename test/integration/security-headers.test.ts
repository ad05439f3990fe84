import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectApiError, type TestApp, type TestResponse } from '../helpers/test-app';

/** A stand-in for dist/: the shell, one hashed asset, the service worker and an icon. */
const staticRoot = mkdtempSync(join(tmpdir(), 'muster-static-'));
const hashedAsset = '/assets/index-Dt2W3Dks.js';
writeFileSync(join(staticRoot, 'index.html'), '<!doctype html><title>Muster</title><script type="module" src="/assets/index-Dt2W3Dks.js"></script>');
mkdirSync(join(staticRoot, 'assets'));
writeFileSync(join(staticRoot, hashedAsset), 'console.log("app");');
writeFileSync(join(staticRoot, 'index.js'), 'self.addEventListener("push", () => {});');
mkdirSync(join(staticRoot, 'icons'));
writeFileSync(join(staticRoot, 'icons/icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ staticRoot });
});
afterAll(async () => {
  await t.close();
  rmSync(staticRoot, { recursive: true, force: true });
});

/** The policy as a map from directive to its sources. */
function cspDirectives(res: TestResponse): Map<string, string[]> {
  const policy = res.headers.get('Content-Security-Policy');
  expect(policy, 'Content-Security-Policy header').toBeTruthy();
  return new Map(
    policy!
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name, sources]),
  );
}

function expectSecurityHeaders(res: TestResponse) {
  expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
  expect(res.headers.get('Referrer-Policy')).toBe('same-origin');
  expect(res.headers.get('X-Frame-Options')).toBe('DENY');
  const csp = cspDirectives(res);
  expect(csp.get('default-src')).toEqual(["'self'"]);
  expect(csp.get('script-src')).toEqual(["'self'"]);
  expect(csp.get('style-src')).toEqual(["'self'"]);
  expect(csp.get('connect-src')).toEqual(["'self'"]);
  expect(csp.get('worker-src')).toEqual(["'self'"]);
  expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  expect(csp.get('object-src')).toEqual(["'none'"]);
  expect(csp.get('base-uri')).toEqual(["'none'"]);
  expect(res.headers.get('Content-Security-Policy')).not.toMatch(/unsafe-(inline|eval)/);
}

describe('security headers on every response', () => {
  it('the app shell, for / and for a deep link', async () => {
    for (const path of ['/', '/incidents/42']) {
      const res = await t.request('GET', path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('Content-Type')).toMatch(/^text\/html/);
      expectSecurityHeaders(res);
    }
  });

  it('API JSON, answered and refused', async () => {
    const refused = await t.request('GET', '/api/v1/me');
    expectApiError(refused, 401);
    expectSecurityHeaders(refused);

    const { cookie } = await t.signedInUser('viewer');
    const me = await t.request('GET', '/api/v1/me', { cookie });
    expect(me.status).toBe(200);
    expectSecurityHeaders(me);
  });

  it('hashed assets, the service worker script and icons', async () => {
    for (const path of [hashedAsset, '/index.js', '/icons/icon.svg']) {
      const res = await t.request('GET', path);
      expect(res.status, path).toBe(200);
      expectSecurityHeaders(res);
    }
  });

  it('404s, /healthz, a 413 and the event stream', async () => {
    expectSecurityHeaders(await t.request('GET', '/assets/missing-abc123.js'));
    expectSecurityHeaders(await t.request('POST', '/nowhere'));
    expectSecurityHeaders(await t.request('GET', '/api/v1/nowhere'));
    expectSecurityHeaders(await t.request('GET', '/healthz'));
    const tooLarge = await t.request('POST', '/v2/enqueue', { rawBody: 'x'.repeat(600 * 1024) });
    expect(tooLarge.status).toBe(413);
    expectSecurityHeaders(tooLarge);

    const { cookie } = await t.signedInUser('viewer');
    const stream = await t.app.request('/api/v1/stream', { headers: { Cookie: cookie } });
    expect(stream.headers.get('Content-Type')).toMatch(/^text\/event-stream/);
    await stream.body?.cancel();
    expectSecurityHeaders({ status: stream.status, headers: stream.headers, json: undefined, text: '' });
  });
});

describe('Strict-Transport-Security', () => {
  it('is sent for a request that came over HTTPS, without includeSubDomains', async () => {
    const res = await t.request('GET', 'https://muster.test/healthz');
    expect(res.headers.get('Strict-Transport-Security')).toBe('max-age=31536000');
  });

  it('is sent behind a TLS-terminating proxy when PUBLIC_URL is https', async () => {
    const proxied = await createTestApp({ publicUrl: 'https://muster.example.com' });
    try {
      const res = await proxied.request('GET', '/healthz');
      expect(res.headers.get('Strict-Transport-Security')).toBe('max-age=31536000');
    } finally {
      await proxied.close();
    }
  });

  it('is not sent over plain HTTP', async () => {
    const res = await t.request('GET', '/healthz');
    expect(res.headers.get('Strict-Transport-Security')).toBeNull();
  });
});

describe('static files', () => {
  it('a missing hashed asset is a 404 that no cache keeps, not the app shell', async () => {
    const res = await t.request('GET', '/assets/missing-abc123.js');
    expectApiError(res, 404, 'not_found');
    expect(res.headers.get('Cache-Control')).toBe('no-store');
  });

  it('other paths that name a file are 404s too', async () => {
    for (const path of ['/icons/missing.png', '/favicon.ico', '/assets/', '/sw.js']) {
      const res = await t.request('GET', path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('Cache-Control'), path).toBe('no-store');
    }
  });

  it('an existing hashed asset is cached for a year', async () => {
    const res = await t.request('GET', hashedAsset);
    expect(res.text).toBe('console.log("app");');
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
  });

  it('the shell, deep links and the service worker revalidate', async () => {
    for (const path of ['/', '/incidents/42', '/on-call', '/index.js']) {
      const res = await t.request('GET', path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('Cache-Control'), path).toBe('no-cache');
    }
    expect((await t.request('GET', '/incidents/42')).text).toContain('<title>Muster</title>');
  });
});
