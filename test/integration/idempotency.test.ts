import { afterEach, beforeEach, expect, it } from 'vitest';
import { claimIdempotencyKey } from '../../server/db/stores/idempotency';
import { createTestApp, expectApiError, type TestApp } from '../helpers/test-app';

let t: TestApp;
let admin: { cookie: string };
let responder: { cookie: string };
let serviceId: string;

beforeEach(async () => {
  t = await createTestApp();
  admin = await t.signedInUser('admin');
  responder = await t.signedInUser('responder');
  serviceId = (await t.createService(admin.cookie)).id;
});
afterEach(() => t.close());

const withKey = (key: string) => ({ 'Idempotency-Key': key });
const incidentCount = async () => (await t.request('GET', '/api/v1/incidents', { cookie: admin.cookie })).json.items.length;
const timelineTypes = async (id: string) =>
  ((await t.request('GET', `/api/v1/incidents/${id}`, { cookie: admin.cookie })).json.timeline as Array<{ type: string }>).map((e) => e.type);

it('a replayed create returns the first response and creates nothing more', async () => {
  const body = { serviceId, title: 'Disk full', severity: 'SEV-2' };
  const first = await t.request('POST', '/api/v1/incidents', { cookie: responder.cookie, body, headers: withKey('create-1') });
  t.clock.advance(30_000);
  const replay = await t.request('POST', '/api/v1/incidents', { cookie: responder.cookie, body, headers: withKey('create-1') });
  expect(first.status).toBe(201);
  expect(replay.status).toBe(201);
  expect(replay.json).toEqual(first.json);
  expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
  expect(first.headers.get('Idempotent-Replayed')).toBeNull();
  expect(await incidentCount()).toBe(1);
});

it('a replayed acknowledge returns the first 200 (not a 409) and writes exactly one timeline event', async () => {
  const incident = await t.createIncident(responder.cookie, { serviceId });
  const ack = () => t.request('POST', `/api/v1/incidents/${incident.id}/acknowledge`, { cookie: responder.cookie, headers: withKey('ack-1') });
  const first = await ack();
  t.clock.advance(10_000);
  const replay = await ack();
  expect(replay.status).toBe(200);
  expect(replay.json).toEqual(first.json);
  expect(await timelineTypes(incident.id)).toEqual(['triggered', 'acknowledged']);
});

it('a replayed note is added once', async () => {
  const incident = await t.createIncident(responder.cookie, { serviceId });
  for (let i = 0; i < 3; i++) {
    const res = await t.request('POST', `/api/v1/incidents/${incident.id}/notes`, { cookie: responder.cookie, body: { text: 'checked' }, headers: withKey('note-1') });
    expect(res.status).toBe(201);
  }
  expect(await timelineTypes(incident.id)).toEqual(['triggered', 'note']);
});

it('simultaneous requests with one key apply once', async () => {
  const incident = await t.createIncident(responder.cookie, { serviceId });
  const results = await Promise.all(
    Array.from({ length: 3 }, () => t.request('POST', `/api/v1/incidents/${incident.id}/resolve`, { cookie: responder.cookie, headers: withKey('resolve-1') })),
  );
  // A duplicate that arrives while the first is still running is told so (409) rather than replayed.
  for (const res of results) expect([200, 409]).toContain(res.status);
  // …with its own code, so a phone's outbox retries instead of dropping the command as refused.
  for (const res of results.filter((r) => r.status === 409)) expectApiError(res, 409, 'idempotency_key_in_progress');
  expect(results.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(1);
  expect(await timelineTypes(incident.id)).toEqual(['triggered', 'resolved']);
});

it('a replayed refusal stays the same refusal', async () => {
  const incident = await t.createIncident(responder.cookie, { serviceId });
  await t.request('POST', `/api/v1/incidents/${incident.id}/resolve`, { cookie: responder.cookie });
  const first = await t.request('POST', `/api/v1/incidents/${incident.id}/acknowledge`, { cookie: responder.cookie, headers: withKey('late-ack') });
  const replay = await t.request('POST', `/api/v1/incidents/${incident.id}/acknowledge`, { cookie: responder.cookie, headers: withKey('late-ack') });
  expectApiError(first, 409);
  expect(replay.status).toBe(409);
  expect(replay.json).toEqual(first.json);
});

it('the same key with a different body or endpoint is 422 and applies nothing', async () => {
  const incident = await t.createIncident(responder.cookie, { serviceId });
  const notes = `/api/v1/incidents/${incident.id}/notes`;
  expect((await t.request('POST', notes, { cookie: responder.cookie, body: { text: 'one' }, headers: withKey('k') })).status).toBe(201);
  expectApiError(await t.request('POST', notes, { cookie: responder.cookie, body: { text: 'two' }, headers: withKey('k') }), 422, 'idempotency_key_reused');
  expectApiError(await t.request('POST', `/api/v1/incidents/${incident.id}/acknowledge`, { cookie: responder.cookie, headers: withKey('k') }), 422);
  expectApiError(await t.request('PATCH', `/api/v1/incidents/${incident.id}`, { cookie: responder.cookie, body: { text: 'one' }, headers: withKey('k') }), 422);
  expect(await timelineTypes(incident.id)).toEqual(['triggered', 'note']);
});

it('the same key from a different user is independent', async () => {
  const other = await t.signedInUser('responder');
  const body = { serviceId, title: 'Same request', severity: 'SEV-3' };
  const mine = await t.request('POST', '/api/v1/incidents', { cookie: responder.cookie, body, headers: withKey('shared') });
  const theirs = await t.request('POST', '/api/v1/incidents', { cookie: other.cookie, body, headers: withKey('shared') });
  expect(theirs.status).toBe(201);
  expect(theirs.headers.get('Idempotent-Replayed')).toBeNull();
  expect(theirs.json.id).not.toBe(mine.json.id);
  expect(await incidentCount()).toBe(2);
});

it('works with an API token as with a session of the same user', async () => {
  const { json } = await t.request('POST', '/api/v1/me/tokens', { cookie: responder.cookie, body: { name: 'bot' } });
  const body = { serviceId, title: 'From a bot', severity: 'SEV-4' };
  const first = await t.request('POST', '/api/v1/incidents', { token: json.token, body, headers: withKey('bot-1') });
  const replay = await t.request('POST', '/api/v1/incidents', { cookie: responder.cookie, body, headers: withKey('bot-1') });
  expect(replay.json.id).toBe(first.json.id);
  expect(await incidentCount()).toBe(1);
});

it('replays bodiless 204 responses too', async () => {
  const { json } = await t.request('POST', '/api/v1/me/tokens', { cookie: responder.cookie, body: { name: 'old' } });
  const remove = () => t.request('DELETE', `/api/v1/me/tokens/${json.id}`, { cookie: responder.cookie, headers: withKey('delete-token') });
  expect((await remove()).status).toBe(204);
  const replay = await remove();
  expect(replay.status).toBe(204);
  expect(replay.text).toBe('');
  expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
});

it('covers admin endpoints: a replayed user creation creates one user', async () => {
  const body = { email: 'once@example.com', name: 'Once', password: 'long enough password', role: 'viewer' };
  const first = await t.request('POST', '/api/v1/users', { cookie: admin.cookie, body, headers: withKey('user-1') });
  const replay = await t.request('POST', '/api/v1/users', { cookie: admin.cookie, body, headers: withKey('user-1') });
  expect(first.status).toBe(201);
  expect(replay.status).toBe(201);
  expect(replay.json).toEqual(first.json);
});

it('refuses an over-long key (400) and ignores the header on reads', async () => {
  expectApiError(await t.request('POST', '/api/v1/incidents', { cookie: responder.cookie, body: { serviceId, title: 'x', severity: 'SEV-3' }, headers: withKey('k'.repeat(256)) }), 400);
  expect(await incidentCount()).toBe(0);
  expect((await t.request('GET', '/api/v1/incidents', { cookie: responder.cookie, headers: withKey('read') })).status).toBe(200);
});

it('a key whose first request never finished (the process died) is taken over after a minute, not blocked for good', async () => {
  const { user } = await t.createAccount('responder');
  const request = { userId: user.id, key: 'outbox-7', requestHash: 'h1' };
  expect(await claimIdempotencyKey(t.db, request, t.clock.now())).toEqual({ kind: 'new' });
  // The process dies here: no response is ever stored for the key.
  t.clock.advance(59_000);
  expect(await claimIdempotencyKey(t.db, request, t.clock.now())).toEqual({ kind: 'in_progress' });
  t.clock.advance(1_000);
  expect(await claimIdempotencyKey(t.db, request, t.clock.now())).toEqual({ kind: 'new' });
  // The retry now owns the reservation afresh.
  expect(await claimIdempotencyKey(t.db, request, t.clock.now())).toEqual({ kind: 'in_progress' });
});
