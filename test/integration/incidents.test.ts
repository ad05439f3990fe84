import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, expectApiError, type TestApp } from '../helpers/test-app';

let t: TestApp;
let admin: { cookie: string };
let responder: { cookie: string; user: { id: string; name: string } };
let viewer: { cookie: string };
let serviceId: string;

beforeEach(async () => {
  t = await createTestApp();
  admin = await t.signedInUser('admin');
  responder = await t.signedInUser('responder', 'Rita Responder');
  viewer = await t.signedInUser('viewer');
  serviceId = (await t.createService(admin.cookie, { name: 'Checkout' })).id;
});
afterEach(() => t.close());

const path = (id: string, command = '') => `/api/v1/incidents/${id}${command && `/${command}`}`;
const timeline = async (id: string) => (await t.request('GET', path(id), { cookie: viewer.cookie })).json.timeline as Array<{ type: string }>;

describe('creating and reading', () => {
  it('creates a triggered incident with a number and a "triggered" event by its creator', async () => {
    const res = await t.request('POST', '/api/v1/incidents', {
      cookie: responder.cookie,
      body: { serviceId, title: '  Checkout is down  ', severity: 'SEV-1', description: 'errors everywhere' },
    });
    expect(res.status).toBe(201);
    const now = t.clock.now().toISOString();
    expect(res.json).toMatchObject({
      id: expect.any(String),
      number: 1,
      status: 'triggered',
      severity: 'SEV-1',
      serviceId,
      serviceName: 'Checkout',
      title: 'Checkout is down',
      description: 'errors everywhere',
      createdAt: now,
      updatedAt: now,
      acknowledgedAt: null,
      resolvedAt: null,
    });
    expect(res.json.timeline).toEqual([
      { id: expect.any(String), type: 'triggered', at: now, actor: { type: 'user', id: responder.user.id, name: 'Rita Responder' }, data: { severity: 'SEV-1' } },
    ]);
    const read = await t.request('GET', path(res.json.id), { cookie: viewer.cookie });
    expect(read.status).toBe(200);
    expect(read.json).toEqual(res.json);
  });

  it('numbers incidents one after another', async () => {
    const first = await t.createIncident(responder.cookie, { serviceId });
    const second = await t.createIncident(admin.cookie, { serviceId });
    expect([first.number, second.number]).toEqual([1, 2]);
  });

  it('viewers may read but not create (403); nobody signed in gets 401', async () => {
    expectApiError(await t.request('POST', '/api/v1/incidents', { cookie: viewer.cookie, body: { serviceId, title: 'x', severity: 'SEV-2' } }), 403, 'forbidden');
    expectApiError(await t.request('POST', '/api/v1/incidents', { body: { serviceId, title: 'x', severity: 'SEV-2' } }), 401);
    expectApiError(await t.request('GET', '/api/v1/incidents'), 401);
    expect((await t.request('GET', '/api/v1/incidents', { cookie: viewer.cookie })).json).toEqual({ items: [], nextCursor: null });
  });

  it('refuses an unknown service (404), a bad severity and an empty title (400 naming the field)', async () => {
    expectApiError(await t.request('POST', '/api/v1/incidents', { cookie: responder.cookie, body: { serviceId: 'nope', title: 'x', severity: 'SEV-2' } }), 404);
    const severity = expectApiError(await t.request('POST', '/api/v1/incidents', { cookie: responder.cookie, body: { serviceId, title: 'x', severity: 'critical' } }), 400);
    expect(severity.message).toMatch(/severity/);
    const title = expectApiError(await t.request('POST', '/api/v1/incidents', { cookie: responder.cookie, body: { serviceId, title: ' ', severity: 'SEV-2' } }), 400);
    expect(title.message).toMatch(/title/);
    expect((await t.request('GET', '/api/v1/incidents', { cookie: viewer.cookie })).json.items).toEqual([]);
  });

  it('an unknown incident is 404 for reading and for every command', async () => {
    expectApiError(await t.request('GET', path('nope'), { cookie: viewer.cookie }), 404, 'not_found');
    for (const command of ['acknowledge', 'resolve']) expectApiError(await t.request('POST', path('nope', command), { cookie: responder.cookie }), 404);
    expectApiError(await t.request('POST', path('nope', 'notes'), { cookie: responder.cookie, body: { text: 'hi' } }), 404);
    expectApiError(await t.request('PATCH', path('nope'), { cookie: responder.cookie, body: { severity: 'SEV-1' } }), 404);
  });
});

describe('listing', () => {
  it('lists newest first and filters by status, severity and service', async () => {
    const otherService = (await t.createService(admin.cookie)).id;
    const a = await t.createIncident(responder.cookie, { serviceId, severity: 'SEV-1' });
    const b = await t.createIncident(responder.cookie, { serviceId: otherService, severity: 'SEV-2' });
    const c = await t.createIncident(responder.cookie, { serviceId, severity: 'SEV-2' });
    await t.request('POST', path(b.id, 'acknowledge'), { cookie: responder.cookie });
    await t.request('POST', path(c.id, 'resolve'), { cookie: responder.cookie });

    const list = async (query: string) =>
      ((await t.request('GET', `/api/v1/incidents${query}`, { cookie: viewer.cookie })).json.items as Array<{ id: string }>).map((i) => i.id);
    expect(await list('')).toEqual([c.id, b.id, a.id]);
    expect(await list('?status=triggered')).toEqual([a.id]);
    expect(await list('?status=triggered,acknowledged')).toEqual([b.id, a.id]);
    expect(await list('?severity=SEV-2')).toEqual([c.id, b.id]);
    expect(await list(`?serviceId=${serviceId}`)).toEqual([c.id, a.id]);
    expect(await list(`?serviceId=${serviceId}&severity=SEV-2&status=resolved`)).toEqual([c.id]);
    expect(await list('?serviceId=unknown')).toEqual([]);
  });

  it('walks every page with the cursor: newest first, nothing repeated or missing', async () => {
    const created: string[] = [];
    for (let i = 0; i < 11; i++) {
      created.push((await t.createIncident(responder.cookie, { serviceId, severity: i % 2 ? 'SEV-1' : 'SEV-4' })).id);
    }
    const walk = async (query: string) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res = await t.request('GET', `/api/v1/incidents?limit=3${query}${cursor ? `&cursor=${cursor}` : ''}`, { cookie: viewer.cookie });
        expect(res.status).toBe(200);
        expect(res.json.items.length).toBeLessThanOrEqual(3);
        seen.push(...res.json.items.map((i: { id: string }) => i.id));
        cursor = res.json.nextCursor;
        pages += 1;
      } while (cursor && pages < 20);
      return { seen, pages };
    };
    const all = await walk('');
    expect(all.seen).toEqual([...created].reverse());
    expect(all.pages).toBe(4);
    const sev1 = await walk('&severity=SEV-1');
    expect(sev1.seen).toEqual(created.filter((_, i) => i % 2).reverse());
    expect(sev1.pages).toBe(2);
  });

  it('an exactly full last page has no next cursor', async () => {
    for (let i = 0; i < 4; i++) await t.createIncident(responder.cookie, { serviceId });
    const first = await t.request('GET', '/api/v1/incidents?limit=2', { cookie: viewer.cookie });
    const second = await t.request('GET', `/api/v1/incidents?limit=2&cursor=${first.json.nextCursor}`, { cookie: viewer.cookie });
    expect(second.json.items).toHaveLength(2);
    expect(second.json.nextCursor).toBeNull();
  });

  it('refuses bad filters with 400 naming the parameter', async () => {
    for (const [query, field] of [['status=open', 'status'], ['severity=SEV-9', 'severity'], ['limit=0', 'limit'], ['limit=201', 'limit'], ['cursor=abc', 'cursor']]) {
      const error = expectApiError(await t.request('GET', `/api/v1/incidents?${query}`, { cookie: viewer.cookie }), 400);
      expect(error.message).toContain(field);
    }
  });
});

describe('lifecycle commands', () => {
  it('acknowledge then resolve: each writes one event with actor and time', async () => {
    const incident = await t.createIncident(admin.cookie, { serviceId });
    t.clock.advance(60_000);
    const ackAt = t.clock.now().toISOString();
    const ack = await t.request('POST', path(incident.id, 'acknowledge'), { cookie: responder.cookie });
    expect(ack.status).toBe(200);
    expect(ack.json).toMatchObject({ status: 'acknowledged', acknowledgedAt: ackAt, updatedAt: ackAt, resolvedAt: null, phase: 'response', acknowledgedBy: { id: responder.user.id, name: 'Rita Responder' } });
    t.clock.advance(60_000);
    const resolveAt = t.clock.now().toISOString();
    const resolved = await t.request('POST', path(incident.id, 'resolve'), { cookie: responder.cookie });
    expect(resolved.json).toMatchObject({ status: 'resolved', acknowledgedAt: ackAt, resolvedAt: resolveAt, phase: 'recovery' });
    const actor = { type: 'user', id: responder.user.id, name: 'Rita Responder' };
    expect(resolved.json.timeline.map(({ type, at, actor, data }: Record<string, unknown>) => ({ type, at, actor, data }))).toEqual([
      { type: 'triggered', at: incident.createdAt, actor: expect.objectContaining({ type: 'user' }), data: { severity: 'SEV-3' } },
      { type: 'acknowledged', at: ackAt, actor, data: { from: 'triggered', phase: { from: 'triage', to: 'response' } } },
      { type: 'resolved', at: resolveAt, actor, data: { from: 'acknowledged', phase: { from: 'response', to: 'recovery' } } },
    ]);
  });

  it('resolves straight from triggered', async () => {
    const incident = await t.createIncident(responder.cookie, { serviceId });
    const res = await t.request('POST', path(incident.id, 'resolve'), { cookie: responder.cookie });
    expect(res.json).toMatchObject({ status: 'resolved', acknowledgedAt: null });
  });

  it.each([
    ['acknowledge', ['acknowledge'], /already acknowledged/],
    ['acknowledge', ['resolve'], /already resolved/],
    ['resolve', ['resolve'], /already resolved/],
  ])('refuses %s after %j with 409 and a message, writing nothing', async (command, before, message) => {
    const incident = await t.createIncident(responder.cookie, { serviceId });
    for (const step of before) await t.request('POST', path(incident.id, step), { cookie: responder.cookie });
    const events = (await timeline(incident.id)).length;
    const refused = await t.request('POST', path(incident.id, command), { cookie: responder.cookie });
    const error = expectApiError(refused, 409, 'conflict');
    expect(error.message).toMatch(message);
    expect(error.message).toContain(`#${incident.number}`);
    expect(await timeline(incident.id)).toHaveLength(events);
  });

  it('viewers cannot acknowledge, resolve, annotate or edit (403), and nothing changes', async () => {
    const incident = await t.createIncident(responder.cookie, { serviceId });
    expectApiError(await t.request('POST', path(incident.id, 'acknowledge'), { cookie: viewer.cookie }), 403);
    expectApiError(await t.request('POST', path(incident.id, 'resolve'), { cookie: viewer.cookie }), 403);
    expectApiError(await t.request('POST', path(incident.id, 'notes'), { cookie: viewer.cookie, body: { text: 'hi' } }), 403);
    expectApiError(await t.request('PATCH', path(incident.id), { cookie: viewer.cookie, body: { severity: 'SEV-1' } }), 403);
    const read = await t.request('GET', path(incident.id), { cookie: viewer.cookie });
    expect(read.json).toMatchObject({ status: 'triggered', severity: 'SEV-3' });
    expect(read.json.timeline).toHaveLength(1);
  });
});

describe('notes and edits', () => {
  it('adds a note as one event, on open and resolved incidents alike', async () => {
    const incident = await t.createIncident(responder.cookie, { serviceId });
    t.clock.advance(5_000);
    const note = await t.request('POST', path(incident.id, 'notes'), { cookie: responder.cookie, body: { text: '  rolled back deploy  ' } });
    expect(note.status).toBe(201);
    expect(note.json).toEqual({
      id: expect.any(String),
      type: 'note',
      at: t.clock.now().toISOString(),
      actor: { type: 'user', id: responder.user.id, name: 'Rita Responder' },
      data: { text: 'rolled back deploy' },
    });
    await t.request('POST', path(incident.id, 'resolve'), { cookie: responder.cookie });
    expect((await t.request('POST', path(incident.id, 'notes'), { cookie: responder.cookie, body: { text: 'post-mortem soon' } })).status).toBe(201);
    expect((await timeline(incident.id)).map((e) => e.type)).toEqual(['triggered', 'note', 'resolved', 'note']);
    const read = await t.request('GET', path(incident.id), { cookie: viewer.cookie });
    expect(read.json.timeline[1]).toEqual(note.json);
  });

  it('refuses an empty note (400 naming text)', async () => {
    const incident = await t.createIncident(responder.cookie, { serviceId });
    const error = expectApiError(await t.request('POST', path(incident.id, 'notes'), { cookie: responder.cookie, body: { text: '   ' } }), 400);
    expect(error.message).toMatch(/text/);
    expect(await timeline(incident.id)).toHaveLength(1);
  });

  it('changes severity with one event recording from and to', async () => {
    const incident = await t.createIncident(responder.cookie, { serviceId, severity: 'SEV-3' });
    t.clock.advance(1_000);
    const res = await t.request('PATCH', path(incident.id), { cookie: responder.cookie, body: { severity: 'SEV-1' } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ severity: 'SEV-1', updatedAt: t.clock.now().toISOString() });
    expect(res.json.timeline.slice(1)).toEqual([
      { id: expect.any(String), type: 'severity_changed', at: t.clock.now().toISOString(), actor: { type: 'user', id: responder.user.id, name: 'Rita Responder' }, data: { from: 'SEV-3', to: 'SEV-1' } },
    ]);
  });

  it('changes the title with one event', async () => {
    const incident = await t.createIncident(responder.cookie, { serviceId, title: 'Slow' });
    const res = await t.request('PATCH', path(incident.id), { cookie: responder.cookie, body: { title: 'Very slow' } });
    expect(res.json.title).toBe('Very slow');
    expect(res.json.timeline.slice(1)).toMatchObject([{ type: 'title_changed', data: { from: 'Slow', to: 'Very slow' } }]);
  });

  it('an edit that changes nothing writes no event', async () => {
    const incident = await t.createIncident(responder.cookie, { serviceId, severity: 'SEV-2', title: 'Same' });
    const res = await t.request('PATCH', path(incident.id), { cookie: responder.cookie, body: { severity: 'SEV-2', title: 'Same' } });
    expect(res.status).toBe(200);
    expect(res.json.timeline).toHaveLength(1);
    expect(res.json.updatedAt).toBe(incident.updatedAt);
  });

  it('an empty or invalid edit is 400', async () => {
    const incident = await t.createIncident(responder.cookie, { serviceId });
    expectApiError(await t.request('PATCH', path(incident.id), { cookie: responder.cookie, body: {} }), 400);
    const error = expectApiError(await t.request('PATCH', path(incident.id), { cookie: responder.cookie, body: { severity: 'SEV-0' } }), 400);
    expect(error.message).toMatch(/severity/);
  });
});
