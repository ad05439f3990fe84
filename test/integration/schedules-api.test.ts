import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Schedule } from '../../shared/api/schedules';
import { createTestApp, expectApiError, type TestApp } from '../helpers/test-app';

let t: TestApp;
beforeEach(async () => {
  // 04:00 in Berlin on Monday 2026-03-02: day 2 of a rotation that started Sunday.
  t = await createTestApp();
});
afterEach(() => t.close());

const hour = 3600_000;

/** Daily 09:00 Berlin handoffs starting 2026-03-01, taking `users` in turn. */
function dailyBerlin(users: string[], overrides: Record<string, unknown> = {}) {
  return {
    name: `primary ${t.unique()}`,
    timeZone: 'Europe/Berlin',
    layers: [{ users, startDate: '2026-03-01', handoffTime: '09:00', shift: { length: 1, unit: 'days' } }],
    ...overrides,
  };
}

async function setup() {
  const admin = await t.signedInUser('admin', 'Admin');
  const ada = await t.signedInUser('responder', 'ada');
  const bob = await t.signedInUser('responder', 'bob');
  const res = await t.request('POST', '/api/v1/schedules', { cookie: admin.cookie, body: dailyBerlin([ada.user.id, bob.user.id]) });
  expect(res.status, res.text).toBe(201);
  return { admin, ada, bob, schedule: res.json as Schedule };
}

const isoIn = (ms: number) => new Date(t.clock.now().getTime() + ms).toISOString();

describe('schedules', () => {
  it('creates, reads, lists and replaces a schedule', async () => {
    const { admin, ada, bob, schedule } = await setup();
    expect(schedule).toEqual({ ...dailyBerlin([ada.user.id, bob.user.id]), name: schedule.name, id: expect.any(String), description: null, createdAt: t.clock.now().toISOString() });
    expect((await t.request('GET', `/api/v1/schedules/${schedule.id}`, { cookie: ada.cookie })).json).toEqual({ ...schedule, overrides: [] });
    expect((await t.request('GET', '/api/v1/schedules', { cookie: ada.cookie })).json).toEqual({ items: [schedule] });

    const body = dailyBerlin([bob.user.id], { name: 'renamed', description: 'weekday cover', timeZone: 'America/New_York' });
    (body.layers as Array<Record<string, unknown>>)[0].restrictions = [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00' }];
    const replaced = await t.request('PUT', `/api/v1/schedules/${schedule.id}`, { cookie: admin.cookie, body });
    expect(replaced.status).toBe(200);
    expect(replaced.json).toEqual({ ...body, id: schedule.id, createdAt: schedule.createdAt });
    expectApiError(await t.request('PUT', '/api/v1/schedules/no-such-schedule', { cookie: admin.cookie, body }), 404, 'not_found');
    expectApiError(await t.request('GET', '/api/v1/schedules/no-such-schedule', { cookie: admin.cookie }), 404, 'not_found');
  });

  it('takes back what it gives: a schedule read with GET can be PUT back as it is', async () => {
    const { admin, schedule } = await setup();
    const read = (await t.request('GET', `/api/v1/schedules/${schedule.id}`, { cookie: admin.cookie })).json;
    const res = await t.request('PUT', `/api/v1/schedules/${schedule.id}`, { cookie: admin.cookie, body: read });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toEqual(schedule);
  });

  it('tells who is on call at an instant and when that changes', async () => {
    const { ada, bob, schedule } = await setup();
    const url = `/api/v1/schedules/${schedule.id}/on-call`;
    expect((await t.request('GET', url, { cookie: ada.cookie })).json).toEqual({
      at: '2026-03-02T03:00:00.000Z',
      users: [{ id: ada.user.id, name: 'ada' }],
      shiftEndsAt: '2026-03-02T08:00:00.000Z',
    });
    // An offset in `at` is honoured: 10:30 in Berlin is bob's shift.
    expect((await t.request('GET', `${url}?at=2026-03-02T10:30:00%2B01:00`, { cookie: ada.cookie })).json).toEqual({
      at: '2026-03-02T09:30:00.000Z',
      users: [{ id: bob.user.id, name: 'bob' }],
      shiftEndsAt: '2026-03-03T08:00:00.000Z',
    });
    // Before the first handoff nobody is on call yet.
    expect((await t.request('GET', `${url}?at=2026-02-01T00:00:00Z`, { cookie: ada.cookie })).json).toMatchObject({ users: [], shiftEndsAt: '2026-03-01T08:00:00.000Z' });
    // Far-off instants are answered, not crashed on.
    expect((await t.request('GET', `${url}?at=9999-12-31T23:59:59Z`, { cookie: ada.cookie })).status).toBe(200);
    expect((await t.request('GET', `${url}?at=0001-01-01T00:00:00Z`, { cookie: ada.cookie })).status).toBe(200);

    expect(expectApiError(await t.request('GET', `${url}?at=tomorrow`, { cookie: ada.cookie }), 400, 'bad_request').message).toContain('at');
    expectApiError(await t.request('GET', '/api/v1/schedules/no-such-schedule/on-call', { cookie: ada.cookie }), 404, 'not_found');
  });

  it('changes through a daylight-saving switch keep the 09:00 local handoff', async () => {
    const { ada, schedule } = await setup();
    // Berlin moves to summer time on 2026-03-29: the handoff that day is 07:00 UTC, not 08:00.
    const res = await t.request('GET', `/api/v1/schedules/${schedule.id}/on-call?at=2026-03-29T06:30:00Z`, { cookie: ada.cookie });
    expect(res.json.shiftEndsAt).toBe('2026-03-29T07:00:00.000Z');
  });

  const invalid: Array<[string, (users: string[]) => Record<string, unknown>, string]> = [
    ['an unknown IANA zone', (u) => dailyBerlin(u, { timeZone: 'Mars/Olympus_Mons' }), 'timeZone'],
    ['a UTC offset as zone', (u) => dailyBerlin(u, { timeZone: '+05:00' }), 'timeZone'],
    ['an empty zone', (u) => dailyBerlin(u, { timeZone: '' }), 'timeZone'],
    ['a 10,000-character zone', (u) => dailyBerlin(u, { timeZone: 'A'.repeat(10_000) }), 'timeZone'],
    ['no layers', (u) => dailyBerlin(u, { layers: [] }), 'layers'],
    ['a layer without users', () => dailyBerlin([]), 'layers.0.users'],
    ['an unknown user', (u) => dailyBerlin([...u, 'no-such-user']), 'layers.0.users'],
    ['February 30th', (u) => dailyBerlin(u, { layers: [{ ...dailyBerlin(u).layers[0], startDate: '2026-02-30' }] }), 'layers.0.startDate'],
    ['a 24:00 handoff', (u) => dailyBerlin(u, { layers: [{ ...dailyBerlin(u).layers[0], handoffTime: '24:00' }] }), 'layers.0.handoffTime'],
    ['a zero-length shift', (u) => dailyBerlin(u, { layers: [{ ...dailyBerlin(u).layers[0], shift: { length: 0, unit: 'days' } }] }), 'layers.0.shift.length'],
    ['a monthly shift', (u) => dailyBerlin(u, { layers: [{ ...dailyBerlin(u).layers[0], shift: { length: 1, unit: 'months' } }] }), 'layers.0.shift.unit'],
    [
      'an unknown weekday',
      (u) => dailyBerlin(u, { layers: [{ ...dailyBerlin(u).layers[0], restrictions: [{ days: ['funday'], start: '09:00', end: '17:00' }] }] }),
      'layers.0.restrictions.0.days.0',
    ],
    ['a blank name', (u) => dailyBerlin(u, { name: ' ' }), 'name'],
  ];

  it.each(invalid)('refuses %s with 400 naming the field, on create and replace', async (_, body, field) => {
    const { admin, ada, schedule } = await setup();
    const created = expectApiError(await t.request('POST', '/api/v1/schedules', { cookie: admin.cookie, body: body([ada.user.id]) }), 400, 'bad_request');
    expect(created.message).toContain(field);
    const replaced = expectApiError(await t.request('PUT', `/api/v1/schedules/${schedule.id}`, { cookie: admin.cookie, body: body([ada.user.id]) }), 400, 'bad_request');
    expect(replaced.message).toContain(field);
    expect((await t.request('GET', '/api/v1/schedules', { cookie: admin.cookie })).json.items).toEqual([expect.objectContaining({ name: schedule.name })]);
  });

  it('lets everyone read schedules but only admins create or change them', async () => {
    const { ada, schedule } = await setup();
    const viewer = await t.signedInUser('viewer');
    for (const cookie of [viewer.cookie, ada.cookie]) {
      expect((await t.request('GET', `/api/v1/schedules/${schedule.id}`, { cookie })).status).toBe(200);
      expect((await t.request('GET', `/api/v1/schedules/${schedule.id}/on-call`, { cookie })).status).toBe(200);
      expectApiError(await t.request('POST', '/api/v1/schedules', { cookie, body: dailyBerlin([ada.user.id]) }), 403, 'forbidden');
      expectApiError(await t.request('PUT', `/api/v1/schedules/${schedule.id}`, { cookie, body: dailyBerlin([ada.user.id]) }), 403, 'forbidden');
    }
    expectApiError(await t.request('GET', '/api/v1/schedules'), 401, 'unauthorized');
    expectApiError(await t.request('GET', `/api/v1/schedules/${schedule.id}/on-call`), 401, 'unauthorized');
  });
});

describe('overrides', () => {
  it('puts the override user on call for its span, and lists it on the schedule', async () => {
    const { ada, bob, schedule } = await setup();
    const body = { userId: bob.user.id, start: isoIn(hour), end: isoIn(3 * hour) };
    const created = await t.request('POST', `/api/v1/schedules/${schedule.id}/overrides`, { cookie: bob.cookie, body });
    expect(created.status).toBe(201);
    expect(created.json).toEqual({ id: expect.any(String), userId: bob.user.id, userName: 'bob', start: body.start, end: body.end });

    const onCall = (at: string) => t.request('GET', `/api/v1/schedules/${schedule.id}/on-call?at=${at}`, { cookie: ada.cookie });
    expect((await onCall(isoIn(hour / 2))).json).toMatchObject({ users: [{ id: ada.user.id }], shiftEndsAt: body.start });
    expect((await onCall(isoIn(2 * hour))).json).toMatchObject({ users: [{ id: bob.user.id }], shiftEndsAt: body.end });
    expect((await onCall(isoIn(3 * hour))).json.users).toEqual([{ id: ada.user.id, name: 'ada' }]);
    expect((await t.request('GET', `/api/v1/schedules/${schedule.id}`, { cookie: ada.cookie })).json.overrides).toEqual([created.json]);
  });

  it('lets a responder override only for themselves; admins for anyone; viewers not at all', async () => {
    const { admin, ada, bob, schedule } = await setup();
    const url = `/api/v1/schedules/${schedule.id}/overrides`;
    const span = { start: isoIn(hour), end: isoIn(2 * hour) };
    const refused = expectApiError(await t.request('POST', url, { cookie: ada.cookie, body: { ...span, userId: bob.user.id } }), 403, 'forbidden');
    expect(refused.message).toContain('someone else');
    expect((await t.request('POST', url, { cookie: admin.cookie, body: { ...span, userId: bob.user.id } })).status).toBe(201);
    const viewer = await t.signedInUser('viewer');
    expectApiError(await t.request('POST', url, { cookie: viewer.cookie, body: { ...span, userId: viewer.user.id } }), 403, 'forbidden');
    expect((await t.request('GET', `/api/v1/schedules/${schedule.id}`, { cookie: admin.cookie })).json.overrides).toHaveLength(1);
  });

  const invalid: Array<[string, (userId: string) => Record<string, unknown>, string]> = [
    ['an end before the start', (userId) => ({ userId, start: isoIn(2 * hour), end: isoIn(hour) }), 'end'],
    ['an end equal to the start', (userId) => ({ userId, start: isoIn(hour), end: isoIn(hour) }), 'end'],
    ['an override over 90 days', (userId) => ({ userId, start: isoIn(0), end: isoIn(91 * 24 * hour) }), 'end'],
    ['a start that is no date', (userId) => ({ userId, start: 'now', end: isoIn(hour) }), 'start'],
    ['a date without a time', (userId) => ({ userId, start: '2026-03-02', end: isoIn(hour) }), 'start'],
    ['no user', () => ({ start: isoIn(0), end: isoIn(hour) }), 'userId'],
  ];

  it.each(invalid)('refuses %s with 400 naming the field', async (_, body, field) => {
    const { admin, schedule } = await setup();
    const error = expectApiError(await t.request('POST', `/api/v1/schedules/${schedule.id}/overrides`, { cookie: admin.cookie, body: body(admin.user.id) }), 400, 'bad_request');
    expect(error.message).toContain(field);
    expect((await t.request('GET', `/api/v1/schedules/${schedule.id}`, { cookie: admin.cookie })).json.overrides).toEqual([]);
  });

  it('answers with an override that lies wholly in the past, even before 1970', async () => {
    const { admin, schedule } = await setup();
    const body = { userId: admin.user.id, start: '1969-07-20T20:17:00.000Z', end: '1969-07-21T02:56:00.000Z' };
    const res = await t.request('POST', `/api/v1/schedules/${schedule.id}/overrides`, { cookie: admin.cookie, body });
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject(body);
  });

  it('refuses an unknown user (400) and an unknown schedule (404)', async () => {
    const { admin, schedule } = await setup();
    const span = { start: isoIn(0), end: isoIn(hour) };
    const error = expectApiError(await t.request('POST', `/api/v1/schedules/${schedule.id}/overrides`, { cookie: admin.cookie, body: { ...span, userId: 'nobody' } }), 400);
    expect(error.message).toContain('userId');
    expectApiError(await t.request('POST', '/api/v1/schedules/no-such-schedule/overrides', { cookie: admin.cookie, body: { ...span, userId: admin.user.id } }), 404, 'not_found');
  });

  describe('DELETE /api/v1/schedules/:id/overrides/:overrideId', () => {
    async function overrideBy(cookie: string, scheduleId: string, userId: string) {
      const res = await t.request('POST', `/api/v1/schedules/${scheduleId}/overrides`, { cookie, body: { userId, start: isoIn(hour), end: isoIn(2 * hour) } });
      expect(res.status, res.text).toBe(201);
      return `/api/v1/schedules/${scheduleId}/overrides/${res.json.id}`;
    }
    const overrideCount = async (scheduleId: string, cookie: string) =>
      (await t.request('GET', `/api/v1/schedules/${scheduleId}`, { cookie })).json.overrides.length;

    it('lets a responder delete their own override', async () => {
      const { ada, schedule } = await setup();
      const url = await overrideBy(ada.cookie, schedule.id, ada.user.id);
      expect((await t.request('DELETE', url, { cookie: ada.cookie })).status).toBe(204);
      expect(await overrideCount(schedule.id, ada.cookie)).toBe(0);
      expectApiError(await t.request('DELETE', url, { cookie: ada.cookie }), 404, 'not_found');
    });

    it("refuses a responder deleting someone else's override (403), but an admin may", async () => {
      const { admin, ada, bob, schedule } = await setup();
      const url = await overrideBy(ada.cookie, schedule.id, ada.user.id);
      expectApiError(await t.request('DELETE', url, { cookie: bob.cookie }), 403, 'forbidden');
      const viewer = await t.signedInUser('viewer');
      expectApiError(await t.request('DELETE', url, { cookie: viewer.cookie }), 403, 'forbidden');
      expect(await overrideCount(schedule.id, admin.cookie)).toBe(1);
      expect((await t.request('DELETE', url, { cookie: admin.cookie })).status).toBe(204);
      expect(await overrideCount(schedule.id, admin.cookie)).toBe(0);
    });

    it('counts an override as owned by the user it puts on call, whoever made it', async () => {
      const { admin, ada, schedule } = await setup();
      // Overrides record no creator: the person on call is the one it belongs to.
      const url = await overrideBy(admin.cookie, schedule.id, ada.user.id);
      expect((await t.request('DELETE', url, { cookie: ada.cookie })).status).toBe(204);
      expect(await overrideCount(schedule.id, admin.cookie)).toBe(0);
    });

    it('is 404 for an unknown override or one of another schedule', async () => {
      const { admin, ada, schedule } = await setup();
      const other = await t.request('POST', '/api/v1/schedules', { cookie: admin.cookie, body: dailyBerlin([ada.user.id]) });
      const url = await overrideBy(ada.cookie, schedule.id, ada.user.id);
      const overrideId = url.split('/').at(-1);
      expectApiError(await t.request('DELETE', `/api/v1/schedules/${other.json.id}/overrides/${overrideId}`, { cookie: admin.cookie }), 404, 'not_found');
      expectApiError(await t.request('DELETE', `/api/v1/schedules/${schedule.id}/overrides/nope`, { cookie: ada.cookie }), 404, 'not_found');
      expect(await overrideCount(schedule.id, admin.cookie)).toBe(1);
    });
  });
});

describe('GET /api/v1/me/on-call', () => {
  it('lists my current shift and my next ones across schedules', async () => {
    const { admin, ada, bob, schedule } = await setup();
    const weekly = await t.request('POST', '/api/v1/schedules', {
      cookie: admin.cookie,
      body: { name: 'secondary', timeZone: 'UTC', layers: [{ users: [bob.user.id], startDate: '2026-03-04', handoffTime: '00:00', shift: { length: 1, unit: 'weeks' } }] },
    });
    const mine = await t.request('GET', '/api/v1/me/on-call', { cookie: bob.cookie });
    expect(mine.status).toBe(200);
    expect(mine.json.current).toEqual([]);
    // Soonest first, whichever schedule they come from.
    expect(mine.json.next.slice(0, 3)).toEqual([
      { scheduleId: schedule.id, scheduleName: schedule.name, userId: bob.user.id, start: '2026-03-02T08:00:00.000Z', end: '2026-03-03T08:00:00.000Z' },
      { scheduleId: weekly.json.id, scheduleName: 'secondary', userId: bob.user.id, start: '2026-03-04T00:00:00.000Z', end: expect.any(String) },
      { scheduleId: schedule.id, scheduleName: schedule.name, userId: bob.user.id, start: '2026-03-04T08:00:00.000Z', end: '2026-03-05T08:00:00.000Z' },
    ]);

    const adas = (await t.request('GET', '/api/v1/me/on-call', { cookie: ada.cookie })).json;
    // The running shift shows when it really began (Sunday's 09:00 Berlin handoff), not "now".
    expect(adas.current).toEqual([{ scheduleId: schedule.id, scheduleName: schedule.name, userId: ada.user.id, start: '2026-03-01T08:00:00.000Z', end: '2026-03-02T08:00:00.000Z' }]);
    expect(adas.next[0]).toMatchObject({ start: '2026-03-03T08:00:00.000Z' });
    expect((await t.request('GET', '/api/v1/me/on-call', { cookie: admin.cookie })).json).toEqual({ current: [], next: [] });
    expectApiError(await t.request('GET', '/api/v1/me/on-call'), 401, 'unauthorized');
  });

  it('shows a shift that ends after the 30-day window with its real end', async () => {
    const { admin } = await setup();
    const cy = await t.signedInUser('responder', 'cy');
    // Four-week shifts from 2026-03-02 (the test clock's day): Cy's starts 2026-03-30, inside the window, and runs to 2026-04-27.
    const rota = await t.request('POST', '/api/v1/schedules', {
      cookie: admin.cookie,
      body: { name: 'monthly', timeZone: 'UTC', layers: [{ users: [admin.user.id, cy.user.id], startDate: '2026-03-02', handoffTime: '00:00', shift: { length: 4, unit: 'weeks' } }] },
    });
    expect(rota.status).toBe(201);
    const mine = (await t.request('GET', '/api/v1/me/on-call', { cookie: cy.cookie })).json;
    expect(mine).toEqual({
      current: [],
      next: [{ scheduleId: rota.json.id, scheduleName: 'monthly', userId: cy.user.id, start: '2026-03-30T00:00:00.000Z', end: '2026-04-27T00:00:00.000Z' }],
    });
  });
});

describe('GET /api/v1/schedules/:id.ics', () => {
  it('serves the shifts as an RFC 5545 calendar to a signed-in user', async () => {
    const { ada, schedule } = await setup();
    const res = await t.request('GET', `/api/v1/schedules/${schedule.id}.ics`, { cookie: ada.cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('text/calendar; charset=utf-8');
    expect(res.text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:')).toBe(true);
    expect(res.text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(res.text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    expect(res.text).toContain('DTSTART:20260302T080000Z\r\nDTEND:20260303T080000Z\r\nSUMMARY:On call: bob');
    expect(res.text.match(/BEGIN:VEVENT/g)?.length).toBe(res.text.match(/END:VEVENT/g)?.length);
  });

  it('accepts ?token=<API token> for calendar apps, and refuses a missing or wrong one', async () => {
    const { ada, schedule } = await setup();
    const token = (await t.request('POST', '/api/v1/me/tokens', { cookie: ada.cookie, body: { name: 'calendar' } })).json.token;
    const url = `/api/v1/schedules/${schedule.id}.ics`;
    const res = await t.request('GET', `${url}?token=${encodeURIComponent(token)}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('BEGIN:VEVENT');
    expectApiError(await t.request('GET', url), 401, 'unauthorized');
    expectApiError(await t.request('GET', `${url}?token=not-a-token`), 401, 'unauthorized');
    expectApiError(await t.request('GET', `/api/v1/schedules/no-such-schedule.ics?token=${encodeURIComponent(token)}`), 404, 'not_found');

    await t.request('PATCH', `/api/v1/users/${ada.user.id}`, { cookie: (await t.signedInUser('admin')).cookie, body: { active: false } });
    expectApiError(await t.request('GET', `${url}?token=${encodeURIComponent(token)}`), 401, 'unauthorized');
  });
});
