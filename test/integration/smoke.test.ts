import { afterEach, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
afterEach(() => t.close());

it('health answers after a real query', async () => {
  t = createTestApp();
  const res = await t.request('GET', '/healthz');
  expect(res.status).toBe(200);
  expect(res.json).toEqual({ status: 'ok' });
});

it('creates and acknowledges an incident', async () => {
  t = createTestApp();
  const admin = await t.signedInUser('admin');
  const service = await t.createService(admin.cookie);
  const created = await t.request('POST', '/api/v1/incidents', { cookie: admin.cookie, body: { serviceId: service.id, title: 'DB down', severity: 'SEV-1' } });
  expect(created.status).toBe(201);
  const ack = await t.request('POST', `/api/v1/incidents/${created.json.id}/acknowledge`, { cookie: admin.cookie });
  expect(ack.status).toBe(200);
  expect(ack.json.status).toBe('acknowledged');
});
