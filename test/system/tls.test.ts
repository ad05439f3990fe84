import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeLoopbackCertificate } from '../helpers/certificate';
import { serverAdmin, startServer, type ServerProcess } from '../helpers/server-process';

let server: ServerProcess;
let certPem: string;
const certDir = mkdtempSync(join(tmpdir(), 'muster-tls-'));

beforeAll(async () => {
  const certificate = await makeLoopbackCertificate(certDir);
  certPem = certificate.certPem;
  server = await startServer({ tls: certificate });
});
afterAll(async () => {
  await server?.cleanup();
  rmSync(certDir, { recursive: true, force: true });
});

function call(method: string, path: string, body?: unknown): Promise<{ status: number; headers: Record<string, unknown>; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { method, ca: certPem, headers: { 'Content-Type': 'application/json' } }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

it('serves HTTPS with TLS_CERT_FILE / TLS_KEY_FILE, and marks the session cookie Secure', async () => {
  expect(server.url).toMatch(/^https:/);
  const health = await call('GET', '/healthz');
  expect(health).toMatchObject({ status: 200, text: '{"status":"ok","backend":"sqlite"}' });

  const login = await call('POST', '/api/v1/auth/login', { email: serverAdmin.email, password: serverAdmin.password });
  expect(login.status).toBe(200);
  const cookie = String(login.headers['set-cookie']);
  expect(cookie).toMatch(/^muster_session=/);
  expect(cookie).toMatch(/; Secure/);
  expect(cookie).toMatch(/; HttpOnly/);
});

it('sends Strict-Transport-Security with the other security headers', async () => {
  const { headers } = await call('GET', '/api/v1/me');
  expect(headers).toMatchObject({
    'strict-transport-security': 'max-age=31536000',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
  });
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
});
