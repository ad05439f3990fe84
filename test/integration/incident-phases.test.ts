import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { updateIncidentRow } from '../../server/db/stores/incidents';
import { createTestApp, expectApiError, type TestApp } from '../helpers/test-app';

let t: TestApp;
let responder: { cookie: string; user: { id: string; name: string } };
let serviceId: string;

beforeEach(async () => {
  t = await createTestApp();
  const admin = await t.signedInUser('admin');
  responder = await t.signedInUser('responder', 'Ada');
  serviceId = (await t.createService(admin.cookie, { name: 'Checkout' })).id;
});
afterEach(() => t.close());

const path = (id: string, command = '') => `/api/v1/incidents/${id}${command && `/${command}`}`;
const post = (id: string, command: string, body?: unknown, headers: Record<string, string> = {}) =>
  t.request('POST', path(id, command), { cookie: responder.cookie, body, headers });
const patch = (id: string, body: unknown) => t.request('PATCH', path(id), { cookie: responder.cookie, body });
const events = async (id: string, ...types: string[]) =>
  ((await t.request('GET', path(id), { cookie: responder.cookie })).json.timeline as Array<{ type: string; data: Record<string, unknown> }>)
    .filter((event) => types.includes(event.type))
    .map(({ type, data }) => ({ type, data }));
const minutesAgo = (minutes: number) => new Date(t.clock.now().getTime() - minutes * 60_000).toISOString();

async function incident(severity = 'SEV-3') {
  return t.createIncident(responder.cookie, { serviceId, severity });
}

describe('POST /incidents/:id/phase', () => {
  it('moves through the phases, recording each move; resolution marks it mitigated, closed records when', async () => {
    const { id } = await incident();
    expect((await post(id, 'acknowledge')).json.phase).toBe('response');
    t.clock.advance(60_000);
    const resolution = await post(id, 'phase', { phase: 'resolution' });
    expect(resolution.status).toBe(200);
    const mitigatedAt = t.clock.now().toISOString();
    expect(resolution.json).toMatchObject({ phase: 'resolution', mitigatedAt, closedAt: null, timeline: expect.any(Array) });
    expect((await post(id, 'resolve')).json.phase).toBe('recovery');
    expect((await post(id, 'phase', { phase: 'review' })).json.phase).toBe('review');
    t.clock.advance(60_000);
    const closed = await post(id, 'phase', { phase: 'closed' });
    expect(closed.json).toMatchObject({ phase: 'closed', closedAt: t.clock.now().toISOString(), mitigatedAt });
    expect(await events(id, 'phase_changed', 'mitigated')).toEqual([
      { type: 'phase_changed', data: { from: 'response', to: 'resolution' } },
      { type: 'mitigated', data: { at: mitigatedAt } },
      { type: 'phase_changed', data: { from: 'recovery', to: 'review' } },
      { type: 'phase_changed', data: { from: 'review', to: 'closed' } },
    ]);
  });

  it('refuses what the rule refuses with 409 and its reason; an unknown phase is 400', async () => {
    const { id } = await incident();
    const recovery = expectApiError(await post(id, 'phase', { phase: 'recovery' }), 409, 'conflict');
    expect(recovery.message).toContain('resolve the incident before moving it to recovery');
    expect(expectApiError(await post(id, 'phase', { phase: 'triage' }), 409, 'conflict').message).toContain('already in triage');
    await post(id, 'phase', { phase: 'response' });
    expect(expectApiError(await post(id, 'phase', { phase: 'triage' }), 409, 'conflict').message).toContain('only move forward');
    expect(expectApiError(await post(id, 'phase', { phase: 'done' }), 400, 'bad_request').message).toMatch(/phase/);
    expectApiError(await post(id, 'phase', {}), 400, 'bad_request');
    expectApiError(await post('nope', 'phase', { phase: 'response' }), 404, 'not_found');
    expect(await events(id, 'phase_changed')).toEqual([{ type: 'phase_changed', data: { from: 'triage', to: 'response' } }]);
  });

  it('closes a SEV-1 only once its review is completed', async () => {
    const { id } = await incident('SEV-1');
    await post(id, 'resolve');
    const refused = expectApiError(await post(id, 'phase', { phase: 'closed' }), 409, 'conflict');
    expect(refused.message).toContain('needs a completed post-incident review');
    await updateIncidentRow(t.db, id, { reviewCompletedAt: t.clock.now() });
    expect((await post(id, 'phase', { phase: 'closed' })).json).toMatchObject({ phase: 'closed', status: 'resolved' });
  });

  it('a SEV-3 closes without a review', async () => {
    const { id } = await incident('SEV-3');
    await post(id, 'resolve');
    expect((await post(id, 'phase', { phase: 'closed' })).status).toBe(200);
  });

  it('a replayed phase command (same Idempotency-Key) applies once and answers the same', async () => {
    const { id } = await incident();
    const key = { 'Idempotency-Key': crypto.randomUUID() };
    const first = await post(id, 'phase', { phase: 'response' }, key);
    t.clock.advance(1000);
    const replay = await post(id, 'phase', { phase: 'response' }, key);
    expect(replay.status).toBe(200);
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
    expect(replay.json).toEqual(first.json);
    expect(await events(id, 'phase_changed')).toHaveLength(1);
  });
});

describe('POST /incidents/:id/mitigate', () => {
  it('sets mitigatedAt once and moves a response on to resolution', async () => {
    const { id } = await incident();
    await post(id, 'acknowledge');
    const res = await post(id, 'mitigate');
    expect(res.json).toMatchObject({ phase: 'resolution', mitigatedAt: t.clock.now().toISOString(), status: 'acknowledged' });
    expect(await events(id, 'mitigated')).toEqual([{ type: 'mitigated', data: { at: t.clock.now().toISOString(), phase: { from: 'response', to: 'resolution' } } }]);
    expect(expectApiError(await post(id, 'mitigate'), 409, 'conflict').message).toContain('already marked mitigated');
  });

  it('never moves a resolved incident back', async () => {
    const { id } = await incident();
    await post(id, 'resolve');
    expect((await post(id, 'mitigate')).json).toMatchObject({ phase: 'recovery' });
    expect(await events(id, 'mitigated')).toEqual([{ type: 'mitigated', data: { at: t.clock.now().toISOString() } }]);
  });
});

describe('PATCH /incidents/:id times', () => {
  it('corrects startedAt and detectedAt, recording each real change with its old value', async () => {
    t.clock.advance(3600_000);
    const created = await incident();
    const startedAt = '2026-03-02T03:10:00.000Z';
    const res = await patch(created.id, { startedAt: '2026-03-02T04:10:00+01:00', detectedAt: created.detectedAt });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ startedAt, detectedAt: created.detectedAt, phase: 'triage' });
    expect(await events(created.id, 'timestamp_corrected')).toEqual([
      { type: 'timestamp_corrected', data: { field: 'startedAt', from: created.startedAt, to: startedAt } },
    ]);
  });

  it('a first mitigatedAt marks the incident mitigated', async () => {
    t.clock.advance(3600_000);
    const { id } = await incident();
    await post(id, 'acknowledge');
    const at = minutesAgo(0);
    expect((await patch(id, { mitigatedAt: at })).json).toMatchObject({ mitigatedAt: at, phase: 'resolution' });
    expect(await events(id, 'timestamp_corrected', 'mitigated')).toEqual([
      { type: 'timestamp_corrected', data: { field: 'mitigatedAt', from: null, to: at } },
      { type: 'mitigated', data: { at, phase: { from: 'response', to: 'resolution' } } },
    ]);
  });

  it('refuses times in the future, out of order or without a zone, naming the field (400)', async () => {
    t.clock.advance(3600_000);
    const { id } = await incident();
    const future = new Date(t.clock.now().getTime() + 1000).toISOString();
    expect(expectApiError(await patch(id, { detectedAt: future }), 400, 'bad_request').message).toMatch(/detectedAt.*future/);
    expect(expectApiError(await patch(id, { startedAt: future }), 400).message).toMatch(/startedAt/);
    expect(expectApiError(await patch(id, { detectedAt: minutesAgo(1), startedAt: minutesAgo(0) }), 400).message).toMatch(/startedAt must be at or before detectedAt/);
    expect(expectApiError(await patch(id, { mitigatedAt: minutesAgo(30), startedAt: minutesAgo(20) }), 400).message).toMatch(/mitigatedAt must be at or after startedAt/);
    expect(expectApiError(await patch(id, { startedAt: '2026-03-02T03:10:00' }), 400).message).toMatch(/startedAt/);
    expect(await events(id, 'timestamp_corrected', 'mitigated')).toEqual([]);
  });
});

describe('severity and title while resolved', () => {
  it('refuses severity changes on a resolved incident (409) but still renames it', async () => {
    const { id } = await incident('SEV-3');
    await post(id, 'resolve');
    expect(expectApiError(await patch(id, { severity: 'SEV-1' }), 409, 'conflict').message).toContain('reopen');
    expect((await patch(id, { severity: 'SEV-3' })).status).toBe(200);
    expect((await patch(id, { title: 'Checkout 502s' })).json).toMatchObject({ title: 'Checkout 502s', severity: 'SEV-3' });
  });
});
