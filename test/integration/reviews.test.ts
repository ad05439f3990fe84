import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, expectApiError, type TestApp } from '../helpers/test-app';

let t: TestApp;
let responder: { cookie: string; user: { id: string; name: string } };
let other: { cookie: string; user: { id: string; name: string } };
let viewer: { cookie: string };
let serviceId: string;

beforeEach(async () => {
  t = await createTestApp();
  const admin = await t.signedInUser('admin');
  responder = await t.signedInUser('responder', 'Rita Responder');
  other = await t.signedInUser('responder', 'Otto Other');
  viewer = await t.signedInUser('viewer');
  serviceId = (await t.createService(admin.cookie, { name: 'Checkout' })).id;
});
afterEach(() => t.close());

const reviewPath = (id: string, rest = '') => `/api/v1/incidents/${id}/review${rest}`;
const content = (overrides: Record<string, unknown> = {}) => ({
  summary: 'Checkout failed for card payments.',
  usersAffected: 'about 1,200 shoppers',
  highlights: [],
  contributingFactors: ['The payment gateway timeout was shorter than its p99 latency'],
  wentWell: 'The alert fired within a minute.',
  wasHard: 'Finding the gateway dashboard.',
  ...overrides,
});
const timeline = async (id: string) => (await t.request('GET', `/api/v1/incidents/${id}`, { cookie: viewer.cookie })).json.timeline as Array<{ type: string; data: any }>;

/** An incident opened at 03:00, acknowledged 03:02, resolved 03:45. */
async function resolvedIncident(severity = 'SEV-2', title = 'Checkout errors') {
  const incident = await t.createIncident(responder.cookie, { serviceId, severity, title });
  t.clock.advance(2 * 60_000);
  await t.request('POST', `/api/v1/incidents/${incident.id}/acknowledge`, { cookie: responder.cookie });
  await t.request('POST', `/api/v1/incidents/${incident.id}/notes`, { cookie: responder.cookie, body: { text: 'Rolled back the gateway config' } });
  t.clock.advance(43 * 60_000);
  await t.request('POST', `/api/v1/incidents/${incident.id}/resolve`, { cookie: responder.cookie });
  return incident;
}

describe('reading and saving a review', () => {
  it('starts empty with the impact computed from the incident and a generated timeline', async () => {
    const incident = await resolvedIncident();
    const res = await t.request('GET', reviewPath(incident.id), { cookie: viewer.cookie });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      incidentId: incident.id,
      content: { summary: '', usersAffected: '', highlights: [], contributingFactors: [], wentWell: '', wasHard: '' },
      impact: {
        durationSeconds: 45 * 60,
        timeToMitigateSeconds: null,
        startedAt: '2026-03-02T03:00:00.000Z',
        acknowledgedAt: '2026-03-02T03:02:00.000Z',
        resolvedAt: '2026-03-02T03:45:00.000Z',
      },
      actionItems: [],
      linkedIncidents: [],
      completedAt: null,
      updatedAt: null,
      updatedBy: null,
    });
    expect(res.json.generatedTimeline.map((line: { text: string }) => line.text)).toEqual([
      'Incident opened by Rita Responder as SEV-2',
      'Rita Responder acknowledged',
      'Rita Responder noted: Rolled back the gateway config',
      'Rita Responder resolved the incident',
    ]);
    expect(res.json.generatedTimeline[0]).toEqual({ at: '2026-03-02T03:00:00.000Z', text: expect.any(String), eventId: expect.any(String) });
  });

  it('duration is null while the incident is not resolved', async () => {
    const incident = await t.createIncident(responder.cookie, { serviceId });
    expect((await t.request('GET', reviewPath(incident.id), { cookie: viewer.cookie })).json.impact.durationSeconds).toBeNull();
  });

  it('saves content and action items: creates without id, updates with id, deletes the missing ones', async () => {
    const incident = await resolvedIncident();
    const first = await t.request('PUT', reviewPath(incident.id), {
      cookie: responder.cookie,
      body: {
        content: content(),
        actionItems: [
          { title: 'Raise the gateway timeout', ownerId: other.user.id, dueDate: '2026-03-09', status: 'open' },
          { title: 'Link the gateway dashboard from the runbook', status: 'open' },
        ],
      },
    });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({
      content: content(),
      impact: { usersAffected: 'about 1,200 shoppers' },
      updatedAt: t.clock.now().toISOString(),
      updatedBy: { id: responder.user.id, name: 'Rita Responder' },
      actionItems: [
        { id: expect.any(String), title: 'Raise the gateway timeout', ownerId: other.user.id, ownerName: 'Otto Other', dueDate: '2026-03-09', status: 'open' },
        { id: expect.any(String), title: 'Link the gateway dashboard from the runbook', ownerId: null, ownerName: null, dueDate: null, status: 'open' },
      ],
    });
    const [kept] = first.json.actionItems;
    t.clock.advance(60_000);
    const second = await t.request('PUT', reviewPath(incident.id), {
      cookie: other.cookie,
      body: {
        content: content({ summary: 'Card payments failed.' }),
        baseUpdatedAt: first.json.updatedAt,
        actionItems: [{ ...kept, status: 'done', title: 'Raise the gateway timeout to 10 s' }, { title: 'Alert on gateway latency', status: 'open' }],
      },
    });
    expect(second.status).toBe(200);
    expect(second.json.actionItems).toEqual([
      { ...kept, status: 'done', title: 'Raise the gateway timeout to 10 s' },
      expect.objectContaining({ title: 'Alert on gateway latency' }),
    ]);
    expect(second.json.updatedBy).toEqual({ id: other.user.id, name: 'Otto Other' });
    expect((await t.request('GET', reviewPath(incident.id), { cookie: viewer.cookie })).json).toEqual(second.json);
  });

  it('refuses to overwrite a version saved meanwhile (409 naming who and when)', async () => {
    const incident = await resolvedIncident();
    const opened = (await t.request('GET', reviewPath(incident.id), { cookie: responder.cookie })).json;
    const otto = await t.request('PUT', reviewPath(incident.id), { cookie: other.cookie, body: { content: content({ summary: 'Otto wrote this' }), baseUpdatedAt: opened.updatedAt } });
    expect(otto.status).toBe(200);
    t.clock.advance(1000);
    const rita = await t.request('PUT', reviewPath(incident.id), { cookie: responder.cookie, body: { content: content({ summary: 'Rita wrote this' }), baseUpdatedAt: opened.updatedAt } });
    const error = expectApiError(rita, 409, 'conflict');
    expect(error.message).toContain('Otto Other');
    expect(error.message).toContain(otto.json.updatedAt);
    // Saving from an older version that had been saved once is refused as well.
    const ritaAgain = await t.request('PUT', reviewPath(incident.id), {
      cookie: responder.cookie,
      body: { content: content(), baseUpdatedAt: new Date(Date.parse(otto.json.updatedAt) - 1).toISOString() },
    });
    expectApiError(ritaAgain, 409, 'conflict');
    expect((await t.request('GET', reviewPath(incident.id), { cookie: viewer.cookie })).json.content.summary).toBe('Otto wrote this');
  });

  it('refuses a contributing factor that only names a person, kindly (400)', async () => {
    const incident = await resolvedIncident();
    for (const factor of ['Otto Other', 'root cause: otto other.', '  OTTO   OTHER ']) {
      const res = await t.request('PUT', reviewPath(incident.id), { cookie: responder.cookie, body: { content: content({ contributingFactors: ['Gateway timeout too short', factor] }) } });
      const error = expectApiError(res, 400, 'bad_request');
      expect(error.message).toMatch(/^contributingFactors\.1: .*names a person\. Reviews are blameless/);
    }
    const fine = await t.request('PUT', reviewPath(incident.id), {
      cookie: responder.cookie,
      body: { content: content({ contributingFactors: ['Otto Other had no staging environment to test the change in'] }) },
    });
    expect(fine.status).toBe(200);
  });

  it('names what is wrong with bad input', async () => {
    const incident = await resolvedIncident();
    const put = (body: unknown) => t.request('PUT', reviewPath(incident.id), { cookie: responder.cookie, body });
    expect(expectApiError(await put({ content: content(), actionItems: [{ title: 'x', dueDate: '9 March', status: 'open' }] }), 400).message).toContain('actionItems.0.dueDate: must be a day as YYYY-MM-DD');
    expect(expectApiError(await put({ content: content(), actionItems: [{ title: 'x', status: 'later' }] }), 400).message).toContain('actionItems.0.status: must be open or done');
    expect(expectApiError(await put({ content: content(), actionItems: [{ title: 'x', ownerId: 'nobody', status: 'open' }] }), 400).message).toContain('actionItems.0.ownerId: no user nobody');
    expect(expectApiError(await put({ content: content(), actionItems: [{ id: 'not-here', title: 'x', status: 'open' }] }), 400).message).toContain('actionItems.0.id: this incident has no action item not-here');
    expect(expectApiError(await put({ content: { summary: 'x' } }), 400).message).toContain('content.usersAffected');
    expectApiError(await t.request('PUT', reviewPath('missing'), { cookie: responder.cookie, body: { content: content() } }), 404, 'not_found');
    expectApiError(await t.request('PUT', reviewPath(incident.id), { cookie: viewer.cookie, body: { content: content() } }), 403);
  });

  it('a replay with the same Idempotency-Key returns the first result and creates the action items once', async () => {
    const incident = await resolvedIncident();
    const send = () =>
      t.request('PUT', reviewPath(incident.id), {
        cookie: responder.cookie,
        headers: { 'Idempotency-Key': 'review-save-1' },
        body: { content: content(), actionItems: [{ title: 'Raise the gateway timeout', status: 'open' }] },
      });
    const first = await send();
    t.clock.advance(1000);
    const replay = await send();
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
    expect(replay.json).toEqual(first.json);
    expect((await t.request('GET', reviewPath(incident.id), { cookie: viewer.cookie })).json.actionItems).toHaveLength(1);
  });
});

describe('completing and reopening', () => {
  it('needs a summary and a contributing factor (400 saying what is missing)', async () => {
    const incident = await resolvedIncident();
    const empty = expectApiError(await t.request('POST', reviewPath(incident.id, '/complete'), { cookie: responder.cookie }), 400);
    expect(empty.message).toBe('the review needs a summary and at least one contributing factor before it can be completed');
    await t.request('PUT', reviewPath(incident.id), { cookie: responder.cookie, body: { content: content({ contributingFactors: [] }) } });
    expect(expectApiError(await t.request('POST', reviewPath(incident.id, '/complete'), { cookie: responder.cookie }), 400).message).toContain('at least one contributing factor');
  });

  it('needs a resolved incident', async () => {
    const incident = await t.createIncident(responder.cookie, { serviceId });
    await t.request('PUT', reviewPath(incident.id), { cookie: responder.cookie, body: { content: content() } });
    expect(expectApiError(await t.request('POST', reviewPath(incident.id, '/complete'), { cookie: responder.cookie }), 409).message).toContain('resolve incident #1');
  });

  it('completes: keeps the time on the incident (closing a SEV-1/2 reads it), moves to the review phase, records it; reopening undoes it', async () => {
    const incident = await resolvedIncident('SEV-1');
    await t.request('PUT', reviewPath(incident.id), { cookie: responder.cookie, body: { content: content() } });
    t.clock.advance(60_000);
    const done = await t.request('POST', reviewPath(incident.id, '/complete'), { cookie: responder.cookie, headers: { 'Idempotency-Key': 'complete-1' } });
    expect(done.status).toBe(200);
    const at = t.clock.now().toISOString();
    expect(done.json.completedAt).toBe(at);
    const replay = await t.request('POST', reviewPath(incident.id, '/complete'), { cookie: responder.cookie, headers: { 'Idempotency-Key': 'complete-1' } });
    expect(replay.status).toBe(200);
    let detail = (await t.request('GET', `/api/v1/incidents/${incident.id}`, { cookie: viewer.cookie })).json;
    expect(detail).toMatchObject({ phase: 'review', reviewCompletedAt: at });
    expect(detail.timeline.filter((e: { type: string }) => e.type === 'review_completed')).toEqual([
      expect.objectContaining({ type: 'review_completed', actor: expect.objectContaining({ name: 'Rita Responder' }), data: { phase: { from: 'recovery', to: 'review' } } }),
    ]);
    expectApiError(await t.request('POST', reviewPath(incident.id, '/complete'), { cookie: responder.cookie }), 409);
    expectApiError(await t.request('PUT', reviewPath(incident.id), { cookie: responder.cookie, body: { content: content() } }), 409);

    const reopened = await t.request('POST', reviewPath(incident.id, '/reopen'), { cookie: other.cookie });
    expect(reopened.status).toBe(200);
    expect(reopened.json.completedAt).toBeNull();
    detail = (await t.request('GET', `/api/v1/incidents/${incident.id}`, { cookie: viewer.cookie })).json;
    expect(detail).toMatchObject({ phase: 'review', reviewCompletedAt: null });
    expect(detail.timeline.at(-1)).toMatchObject({ type: 'review_reopened', actor: { name: 'Otto Other' } });
    expectApiError(await t.request('POST', reviewPath(incident.id, '/reopen'), { cookie: other.cookie }), 409);
  });
});

describe('Markdown export', () => {
  it('exports title, severity, service, impact, summary, timeline, factors, went well/hard, action items and links, escaped', async () => {
    const incident = await resolvedIncident('SEV-2', 'Checkout <b>down</b> | *again*');
    const linked = await t.createIncident(responder.cookie, { serviceId, title: 'Gateway timeouts' });
    await t.request('POST', `/api/v1/incidents/${incident.id}/links`, { cookie: responder.cookie, body: { incidentId: linked.id, kind: 'same-cause' } });
    await t.request('PUT', reviewPath(incident.id), {
      cookie: responder.cookie,
      body: {
        content: content({ summary: '# Not a heading\n- not a list <script>alert(1)</script>' }),
        actionItems: [{ title: 'Raise | timeout', ownerId: other.user.id, dueDate: '2026-03-09', status: 'open' }],
      },
    });
    const res = await t.request('GET', reviewPath(incident.id, '.md'), { cookie: viewer.cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('text/markdown; charset=utf-8');
    expect(res.headers.get('Content-Disposition')).toBe('attachment; filename="incident-1-review.md"');
    const md = res.text;
    expect(md).toContain('# Post-incident review: #1 Checkout &lt;b&gt;down&lt;/b&gt; \\| \\*again\\*');
    expect(md).toContain('- **Severity:** SEV-2');
    expect(md).toContain('- **Service:** Checkout');
    expect(md).toContain('- **Users affected:** about 1,200 shoppers');
    expect(md).toContain('- **Duration:** 45 min (started 2026-03-02 03:00 UTC, resolved 2026-03-02 03:45 UTC)');
    expect(md).toContain('## Summary\n\n\\# Not a heading\n\\- not a list &lt;script&gt;alert\\(1\\)&lt;/script&gt;\n');
    expect(md).not.toContain('<script>');
    expect(md).toContain('## Timeline\n\n- 2026-03-02 03:00 UTC — Incident opened by Rita Responder as SEV-2\n');
    expect(md).toContain('## Contributing factors\n\n- The payment gateway timeout was shorter than its p99 latency\n');
    expect(md).toContain('## What went well\n\nThe alert fired within a minute.\n');
    expect(md).toContain('## What was hard\n\nFinding the gateway dashboard.\n');
    expect(md).toContain('| Action | Owner | Due | Status |\n| --- | --- | --- | --- |\n| Raise \\| timeout | Otto Other | 2026-03-09 | open |');
    expect(md).toContain('## Linked incidents\n\n- #2 Gateway timeouts (same cause, triggered)');
  });
});

describe('action items across incidents', () => {
  it('lists open items overdue first (by due date), then by due date, undated last; ticking one done moves it out', async () => {
    const a = await resolvedIncident('SEV-2', 'A');
    const b = await resolvedIncident('SEV-3', 'B');
    t.clock.set('2026-03-10T12:00:00Z');
    await t.request('PUT', reviewPath(a.id), {
      cookie: responder.cookie,
      body: {
        content: content(),
        actionItems: [
          { title: 'undated', status: 'open' },
          { title: 'due later', dueDate: '2026-04-01', status: 'open' },
          { title: 'overdue since the 8th', dueDate: '2026-03-08', status: 'open' },
          { title: 'done already', dueDate: '2026-03-01', status: 'done' },
        ],
      },
    });
    await t.request('PUT', reviewPath(b.id), {
      cookie: responder.cookie,
      body: { content: content(), actionItems: [{ title: 'overdue since the 5th', dueDate: '2026-03-05', status: 'open' }, { title: 'due today', dueDate: '2026-03-10', status: 'open' }] },
    });
    const list = await t.request('GET', '/api/v1/action-items?status=open', { cookie: viewer.cookie });
    expect(list.status).toBe(200);
    expect(list.json.items.map((item: { title: string; overdue: boolean }) => [item.title, item.overdue])).toEqual([
      ['overdue since the 5th', true],
      ['overdue since the 8th', true],
      ['due today', false],
      ['due later', false],
      ['undated', false],
    ]);
    expect(list.json.items[0]).toMatchObject({ incidentId: b.id, incidentNumber: 2, incidentTitle: 'B', status: 'open' });

    // The next day, "due today" is overdue too: the clock decides, not when it was written.
    t.clock.set('2026-03-11T00:30:00Z');
    const tomorrow = await t.request('GET', '/api/v1/action-items?status=open', { cookie: viewer.cookie });
    expect(tomorrow.json.items.filter((item: { overdue: boolean }) => item.overdue).map((item: { title: string }) => item.title)).toEqual([
      'overdue since the 5th',
      'overdue since the 8th',
      'due today',
    ]);

    const id = list.json.items[0].id;
    const ticked = await t.request('PATCH', `/api/v1/action-items/${id}`, { cookie: responder.cookie, headers: { 'Idempotency-Key': 'tick-1' }, body: { status: 'done' } });
    expect(ticked.status).toBe(200);
    expect(ticked.json).toMatchObject({ id, status: 'done', overdue: false, incidentNumber: 2 });
    const replay = await t.request('PATCH', `/api/v1/action-items/${id}`, { cookie: responder.cookie, headers: { 'Idempotency-Key': 'tick-1' }, body: { status: 'done' } });
    expect(replay.json).toEqual(ticked.json);
    const open = (await t.request('GET', '/api/v1/action-items?status=open', { cookie: viewer.cookie })).json.items;
    expect(open.map((item: { title: string }) => item.title)).not.toContain('overdue since the 5th');
    const done = (await t.request('GET', '/api/v1/action-items?status=done', { cookie: viewer.cookie })).json.items;
    expect(done.map((item: { title: string }) => item.title).sort()).toEqual(['done already', 'overdue since the 5th']);
    expect((await t.request('GET', '/api/v1/action-items', { cookie: viewer.cookie })).json.items).toHaveLength(6);
  });

  it('PATCH changes title, owner and due date; refuses bad input and unknown items', async () => {
    const incident = await resolvedIncident();
    const saved = await t.request('PUT', reviewPath(incident.id), { cookie: responder.cookie, body: { content: content(), actionItems: [{ title: 'x', status: 'open' }] } });
    const id = saved.json.actionItems[0].id;
    const res = await t.request('PATCH', `/api/v1/action-items/${id}`, { cookie: responder.cookie, body: { title: 'Alert on latency', ownerId: other.user.id, dueDate: '2026-03-20' } });
    expect(res.json).toMatchObject({ title: 'Alert on latency', ownerId: other.user.id, ownerName: 'Otto Other', dueDate: '2026-03-20', status: 'open' });
    expect(expectApiError(await t.request('PATCH', `/api/v1/action-items/${id}`, { cookie: responder.cookie, body: {} }), 400).message).toContain('give at least one of');
    expect(expectApiError(await t.request('PATCH', `/api/v1/action-items/${id}`, { cookie: responder.cookie, body: { dueDate: '2026-02-30' } }), 400).message).toContain('dueDate');
    expectApiError(await t.request('PATCH', '/api/v1/action-items/nope', { cookie: responder.cookie, body: { status: 'done' } }), 404);
    expectApiError(await t.request('GET', '/api/v1/action-items?status=later', { cookie: viewer.cookie }), 400);
  });
});

describe('linked incidents', () => {
  it('links both ways with timeline events on both, relinking changes the kind, unlinking removes both', async () => {
    const a = await t.createIncident(responder.cookie, { serviceId, title: 'A' });
    const b = await t.createIncident(responder.cookie, { serviceId, title: 'B' });
    const res = await t.request('POST', `/api/v1/incidents/${a.id}/links`, { cookie: responder.cookie, body: { incidentId: b.id, kind: 'related' } });
    expect(res.status).toBe(201);
    expect(res.json).toEqual({ items: [{ id: b.id, number: 2, title: 'B', status: 'triggered', kind: 'related' }] });
    expect((await t.request('GET', `/api/v1/incidents/${b.id}/links`, { cookie: viewer.cookie })).json).toEqual({
      items: [{ id: a.id, number: 1, title: 'A', status: 'triggered', kind: 'related' }],
    });
    expect((await timeline(a.id)).at(-1)).toMatchObject({ type: 'incident_linked', data: { incidentId: b.id, number: 2, kind: 'related' } });
    expect((await timeline(b.id)).at(-1)).toMatchObject({ type: 'incident_linked', data: { incidentId: a.id, number: 1, kind: 'related' } });

    const relinked = await t.request('POST', `/api/v1/incidents/${b.id}/links`, { cookie: responder.cookie, body: { number: 1, kind: 'same-cause' } });
    expect(relinked.json.items).toEqual([expect.objectContaining({ id: a.id, kind: 'same-cause' })]);
    expect((await t.request('GET', `/api/v1/incidents/${a.id}/links`, { cookie: viewer.cookie })).json.items).toEqual([expect.objectContaining({ id: b.id, kind: 'same-cause' })]);
    expect((await t.request('GET', reviewPath(a.id), { cookie: viewer.cookie })).json.linkedIncidents).toEqual([expect.objectContaining({ id: b.id, kind: 'same-cause' })]);
    expect((await timeline(a.id)).filter((e) => e.type === 'incident_linked')).toHaveLength(2);

    const removed = await t.request('DELETE', `/api/v1/incidents/${a.id}/links/${b.id}`, { cookie: responder.cookie });
    expect(removed.status).toBe(204);
    expect((await t.request('GET', `/api/v1/incidents/${b.id}/links`, { cookie: viewer.cookie })).json.items).toEqual([]);
    expect((await timeline(a.id)).at(-1)).toMatchObject({ type: 'incident_unlinked', data: { incidentId: b.id } });
    expect((await timeline(b.id)).at(-1)).toMatchObject({ type: 'incident_unlinked', data: { incidentId: a.id } });
    expectApiError(await t.request('DELETE', `/api/v1/incidents/${a.id}/links/${b.id}`, { cookie: responder.cookie }), 404);
  });

  it('refuses a link to itself (400) and to an unknown incident (404); a replay links once', async () => {
    const a = await t.createIncident(responder.cookie, { serviceId });
    const b = await t.createIncident(responder.cookie, { serviceId });
    expect(expectApiError(await t.request('POST', `/api/v1/incidents/${a.id}/links`, { cookie: responder.cookie, body: { incidentId: a.id, kind: 'related' } }), 400).message).toContain('itself');
    expectApiError(await t.request('POST', `/api/v1/incidents/${a.id}/links`, { cookie: responder.cookie, body: { incidentId: 'nope', kind: 'related' } }), 404);
    expectApiError(await t.request('POST', `/api/v1/incidents/${a.id}/links`, { cookie: responder.cookie, body: { number: 99, kind: 'related' } }), 404);
    expect(expectApiError(await t.request('POST', `/api/v1/incidents/${a.id}/links`, { cookie: responder.cookie, body: { incidentId: b.id, kind: 'cousin' } }), 400).message).toContain('kind: must be same-cause or related');
    expectApiError(await t.request('POST', `/api/v1/incidents/nope/links`, { cookie: responder.cookie, body: { incidentId: b.id, kind: 'related' } }), 404);
    const send = () => t.request('POST', `/api/v1/incidents/${a.id}/links`, { cookie: responder.cookie, headers: { 'Idempotency-Key': 'link-1' }, body: { incidentId: b.id, kind: 'related' } });
    expect((await send()).status).toBe(201);
    expect((await send()).headers.get('Idempotent-Replayed')).toBe('true');
    expect((await timeline(a.id)).filter((e) => e.type === 'incident_linked')).toHaveLength(1);
  });
});
