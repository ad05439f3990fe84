import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, expectApiError, type TestApp } from '../helpers/test-app';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

async function admin() {
  return (await t.signedInUser('admin')).cookie;
}

/** A valid policy body paging `userId` after one step delay. */
function policyBody(userId: string, overrides: Record<string, unknown> = {}) {
  return { name: `policy ${t.unique()}`, repeat: 1, steps: [{ delaySeconds: 300, targets: [{ type: 'user', id: userId }] }], ...overrides };
}

async function createPolicy(cookie: string, body: Record<string, unknown>) {
  const res = await t.request('POST', '/api/v1/escalation-policies', { cookie, body });
  expect(res.status, res.text).toBe(201);
  return res.json as { id: string; name: string };
}

describe('escalation policy CRUD', () => {
  it('creates, reads, lists, replaces and deletes a policy', async () => {
    const cookie = await admin();
    const { user: ada } = await t.createAccount('responder', 'ada');
    const schedule = await t.request('POST', '/api/v1/schedules', {
      cookie,
      body: { name: 'primary', timeZone: 'UTC', layers: [{ users: [ada.id], startDate: '2026-03-01', handoffTime: '09:00', shift: { length: 1, unit: 'weeks' } }] },
    });
    const body = {
      name: 'Checkout',
      description: 'wakes the payments team',
      repeat: 2,
      steps: [
        { delaySeconds: 1, targets: [{ type: 'user', id: ada.id }] },
        { delaySeconds: 86_400, targets: [{ type: 'schedule', id: schedule.json.id }, { type: 'user', id: ada.id }] },
      ],
    };
    const created = await t.request('POST', '/api/v1/escalation-policies', { cookie, body });
    expect(created.status).toBe(201);
    expect(created.json).toEqual({ ...body, id: expect.any(String), createdAt: t.clock.now().toISOString(), serviceIds: [] });

    const id = created.json.id;
    expect((await t.request('GET', `/api/v1/escalation-policies/${id}`, { cookie })).json).toEqual(created.json);
    expect((await t.request('GET', '/api/v1/escalation-policies', { cookie })).json).toEqual({ items: [created.json] });

    const replaced = await t.request('PUT', `/api/v1/escalation-policies/${id}`, { cookie, body: policyBody(ada.id, { name: 'Checkout v2' }) });
    expect(replaced.status).toBe(200);
    expect(replaced.json).toMatchObject({ id, name: 'Checkout v2', repeat: 1, steps: [{ delaySeconds: 300 }] });
    // A replace is whole: the description left out of the body is gone.
    expect(replaced.json).not.toHaveProperty('description');

    expect((await t.request('DELETE', `/api/v1/escalation-policies/${id}`, { cookie })).status).toBe(204);
    expectApiError(await t.request('GET', `/api/v1/escalation-policies/${id}`, { cookie }), 404, 'not_found');
    expectApiError(await t.request('DELETE', `/api/v1/escalation-policies/${id}`, { cookie }), 404, 'not_found');
    expectApiError(await t.request('PUT', `/api/v1/escalation-policies/${id}`, { cookie, body: policyBody(ada.id) }), 404, 'not_found');
  });

  it('attaches to a service, and cannot be deleted while a service uses it (409)', async () => {
    const cookie = await admin();
    const { user } = await t.createAccount();
    const policy = await createPolicy(cookie, policyBody(user.id));
    const service = await t.createService(cookie, { name: 'Checkout' });
    await t.createService(cookie, { name: 'Search', escalationPolicyId: policy.id });

    const attached = await t.request('PATCH', `/api/v1/services/${service.id}`, { cookie, body: { escalationPolicyId: policy.id } });
    expect(attached.status).toBe(200);
    expect(attached.json.escalationPolicyId).toBe(policy.id);
    expect((await t.request('GET', `/api/v1/escalation-policies/${policy.id}`, { cookie })).json.serviceIds).toContain(service.id);

    const refused = expectApiError(await t.request('DELETE', `/api/v1/escalation-policies/${policy.id}`, { cookie }), 409, 'conflict');
    expect(refused.message).toBe(`escalation policy ${policy.name} is used by Checkout and Search; point them to another policy first`);
    expect((await t.request('GET', `/api/v1/escalation-policies/${policy.id}`, { cookie })).status).toBe(200);

    await t.request('PATCH', `/api/v1/services/${service.id}`, { cookie, body: { escalationPolicyId: null } });
    const stillUsed = expectApiError(await t.request('DELETE', `/api/v1/escalation-policies/${policy.id}`, { cookie }), 409, 'conflict');
    expect(stillUsed.message).toBe(`escalation policy ${policy.name} is used by Search; point it to another policy first`);
    const [search] = (await t.request('GET', '/api/v1/services', { cookie })).json.items.filter((s: { name: string }) => s.name === 'Search');
    await t.request('PATCH', `/api/v1/services/${search.id}`, { cookie, body: { escalationPolicyId: null } });
    expect((await t.request('DELETE', `/api/v1/escalation-policies/${policy.id}`, { cookie })).status).toBe(204);
  });

  it('refuses to attach an unknown policy to a service', async () => {
    const cookie = await admin();
    const service = await t.createService(cookie);
    const error = expectApiError(await t.request('PATCH', `/api/v1/services/${service.id}`, { cookie, body: { escalationPolicyId: 'no-such-policy' } }), 404);
    expect(error.message).toContain('no-such-policy');
    expect((await t.request('GET', `/api/v1/services/${service.id}`, { cookie })).json.escalationPolicyId).toBeNull();
  });
});

describe('escalation policy validation', () => {
  const cases: Array<[string, (userId: string) => unknown, string]> = [
    ['delaySeconds 0', (id) => policyBody(id, { steps: [{ delaySeconds: 0, targets: [{ type: 'user', id }] }] }), 'steps.0.delaySeconds'],
    ['delaySeconds 86401', (id) => policyBody(id, { steps: [{ delaySeconds: 86_401, targets: [{ type: 'user', id }] }] }), 'steps.0.delaySeconds'],
    ['fractional delaySeconds', (id) => policyBody(id, { steps: [{ delaySeconds: 1.5, targets: [{ type: 'user', id }] }] }), 'steps.0.delaySeconds'],
    ['delaySeconds as a string', (id) => policyBody(id, { steps: [{ delaySeconds: '60', targets: [{ type: 'user', id }] }] }), 'steps.0.delaySeconds'],
    ['repeat 10', (id) => policyBody(id, { repeat: 10 }), 'repeat'],
    ['repeat -1', (id) => policyBody(id, { repeat: -1 }), 'repeat'],
    ['no repeat', (id) => ({ name: 'x', steps: [{ delaySeconds: 60, targets: [{ type: 'user', id }] }] }), 'repeat'],
    ['no steps', (id) => policyBody(id, { steps: [] }), 'steps'],
    ['a step without targets', (id) => policyBody(id, { steps: [{ delaySeconds: 60, targets: [] }] }), 'steps.0.targets'],
    ['a team target', (id) => policyBody(id, { steps: [{ delaySeconds: 60, targets: [{ type: 'team', id }] }] }), 'steps.0.targets.0.type'],
    ['a blank name', (id) => policyBody(id, { name: '   ' }), 'name'],
    ['an unknown user target', () => policyBody('no-such-user'), 'steps.0.targets'],
    ['an unknown schedule target', (id) => policyBody(id, { steps: [{ delaySeconds: 60, targets: [{ type: 'schedule', id }] }] }), 'steps.0.targets'],
    ['a 65-character target id', () => policyBody('x'.repeat(65)), 'steps.0.targets.0.id'],
    ['an array body', () => [], 'body'],
  ];

  it.each(cases)('refuses %s with 400 naming the field, on create and replace', async (_, body, field) => {
    const cookie = await admin();
    const { user } = await t.createAccount();
    const created = expectApiError(await t.request('POST', '/api/v1/escalation-policies', { cookie, body: body(user.id) }), 400, 'bad_request');
    expect(created.message).toContain(field);
    const policy = await createPolicy(cookie, policyBody(user.id));
    const replaced = expectApiError(await t.request('PUT', `/api/v1/escalation-policies/${policy.id}`, { cookie, body: body(user.id) }), 400, 'bad_request');
    expect(replaced.message).toContain(field);
    expect((await t.request('GET', `/api/v1/escalation-policies/${policy.id}`, { cookie })).json.name).toBe(policy.name);
    expect((await t.request('GET', '/api/v1/escalation-policies', { cookie })).json.items).toHaveLength(1);
  });

  it('refuses malformed JSON with the one error shape', async () => {
    const cookie = await admin();
    expectApiError(await t.request('POST', '/api/v1/escalation-policies', { cookie, rawBody: '{"name": ' }), 400);
  });
});

describe('who may be paged', () => {
  it('refuses a viewer or a deactivated user as a target with 400 naming the target, on create and replace', async () => {
    const cookie = await admin();
    const { user: ada } = await t.createAccount('responder', 'ada');
    const { user: vic } = await t.createAccount('viewer', 'vic');
    const { user: dee } = await t.createAccount('responder', 'dee');
    await t.request('PATCH', `/api/v1/users/${dee.id}`, { cookie, body: { active: false } });
    const policy = await createPolicy(cookie, policyBody(ada.id));
    const step = (id: string) => ({ delaySeconds: 60, targets: [{ type: 'user', id: ada.id }, { type: 'user', id }] });

    for (const [user, why] of [[vic, 'vic is a viewer'], [dee, 'dee is deactivated']] as const) {
      const body = policyBody(ada.id, { steps: [step(user.id)] });
      const created = expectApiError(await t.request('POST', '/api/v1/escalation-policies', { cookie, body }), 400, 'bad_request');
      expect(created.message).toContain(`steps.0.targets.1.id: ${why}`);
      const replaced = expectApiError(await t.request('PUT', `/api/v1/escalation-policies/${policy.id}`, { cookie, body }), 400, 'bad_request');
      expect(replaced.message).toContain(`steps.0.targets.1.id: ${why}`);
    }
    const stored = (await t.request('GET', `/api/v1/escalation-policies/${policy.id}`, { cookie })).json;
    expect(stored.steps).toEqual(policyBody(ada.id).steps);
    expect((await t.request('GET', '/api/v1/escalation-policies', { cookie })).json.items).toHaveLength(1);
  });

  it('lets an admin demote a targeted user, then skips them when paging and says so on the timeline', async () => {
    const cookie = await admin();
    const { user: ada } = await t.createAccount('responder', 'ada');
    const { user: bob } = await t.createAccount('responder', 'bob');
    await t.addDevice(bob.id);
    const policy = await createPolicy(cookie, policyBody(ada.id, { steps: [{ delaySeconds: 300, targets: [{ type: 'user', id: ada.id }, { type: 'user', id: bob.id }] }] }));
    // Taking rights away must work at once, even while a policy still names the user.
    expect((await t.request('PATCH', `/api/v1/users/${ada.id}`, { cookie, body: { role: 'viewer' } })).status).toBe(200);

    const service = await t.createService(cookie, { escalationPolicyId: policy.id });
    const incident = await t.createIncident(cookie, { serviceId: service.id });
    await t.engine.runOnce();
    const timeline = (await t.request('GET', `/api/v1/incidents/${incident.id}`, { cookie })).json.timeline as Array<{ type: string; data: Record<string, unknown> }>;
    expect(timeline.find((event) => event.type === 'step_reached')?.data.users).toEqual(['bob']);
    expect(timeline.filter((event) => event.type === 'user_unreachable' && event.data.userId === ada.id)).toEqual([
      expect.objectContaining({ data: { userId: ada.id, user: 'ada', step: 1, reason: 'not paged: ada is a viewer, and viewers may not act on incidents' } }),
    ]);
  });
});

describe('a step nobody can be reached by', () => {
  it('pages the next step at once instead of waiting out its delay, and says so on the timeline', async () => {
    const cookie = await admin();
    const { user: ada } = await t.createAccount('responder', 'ada');
    const { user: bob } = await t.createAccount('responder', 'bob');
    await t.addDevice(bob.id);
    const policy = await createPolicy(cookie, {
      name: 'two steps',
      repeat: 0,
      steps: [
        { delaySeconds: 600, targets: [{ type: 'user', id: ada.id }] },
        { delaySeconds: 900, targets: [{ type: 'user', id: bob.id }] },
      ],
    });
    const service = await t.createService(cookie, { escalationPolicyId: policy.id });
    const incident = await t.createIncident(cookie, { serviceId: service.id });
    await t.engine.runOnce();

    const detail = (await t.request('GET', `/api/v1/incidents/${incident.id}`, { cookie })).json;
    const paging = detail.timeline.filter((event: { type: string }) => ['step_reached', 'step_unreachable'].includes(event.type));
    expect(paging.map((event: { type: string; data: unknown; at: string }) => [event.type, event.data, event.at])).toEqual([
      ['step_reached', { step: 1, of: 2, loop: 0, users: ['ada'] }, t.clock.now().toISOString()],
      ['step_unreachable', { step: 1, of: 2, last: false }, t.clock.now().toISOString()],
      ['step_reached', { step: 2, of: 2, loop: 0, users: ['bob'] }, t.clock.now().toISOString()],
    ]);
    // Bob's step waits its own delay: reachable, so nothing moves on early.
    expect(detail.escalation).toMatchObject({ step: 2, nextStepAt: new Date(t.clock.now().getTime() + 900_000).toISOString() });
  });

  it('waits out the delay when at least one person at the step can be reached', async () => {
    const cookie = await admin();
    const { user: ada } = await t.createAccount('responder', 'ada');
    const { user: bob } = await t.createAccount('responder', 'bob');
    await t.addDevice(bob.id);
    const policy = await createPolicy(cookie, { name: 'one step', repeat: 0, steps: [{ delaySeconds: 600, targets: [{ type: 'user', id: ada.id }, { type: 'user', id: bob.id }] }] });
    const service = await t.createService(cookie, { escalationPolicyId: policy.id });
    const incident = await t.createIncident(cookie, { serviceId: service.id });
    await t.engine.runOnce();
    const detail = (await t.request('GET', `/api/v1/incidents/${incident.id}`, { cookie })).json;
    expect(detail.timeline.some((event: { type: string }) => event.type === 'step_unreachable')).toBe(false);
    expect(detail.escalation).toMatchObject({ step: 1, nextStepAt: new Date(t.clock.now().getTime() + 600_000).toISOString() });
  });
});

describe('escalation policy roles', () => {
  it('lets viewers and responders read but only admins change policies', async () => {
    const cookie = await admin();
    const { user } = await t.createAccount();
    const policy = await createPolicy(cookie, policyBody(user.id));
    for (const role of ['viewer', 'responder'] as const) {
      const other = (await t.signedInUser(role)).cookie;
      expect((await t.request('GET', '/api/v1/escalation-policies', { cookie: other })).json.items).toHaveLength(1);
      expect((await t.request('GET', `/api/v1/escalation-policies/${policy.id}`, { cookie: other })).status).toBe(200);
      expectApiError(await t.request('POST', '/api/v1/escalation-policies', { cookie: other, body: policyBody(user.id) }), 403, 'forbidden');
      expectApiError(await t.request('PUT', `/api/v1/escalation-policies/${policy.id}`, { cookie: other, body: policyBody(user.id) }), 403, 'forbidden');
      expectApiError(await t.request('DELETE', `/api/v1/escalation-policies/${policy.id}`, { cookie: other }), 403, 'forbidden');
      const service = await t.createService(cookie);
      expectApiError(await t.request('PATCH', `/api/v1/services/${service.id}`, { cookie: other, body: { escalationPolicyId: policy.id } }), 403, 'forbidden');
    }
    expectApiError(await t.request('GET', '/api/v1/escalation-policies'), 401, 'unauthorized');
    expect((await t.request('GET', `/api/v1/escalation-policies/${policy.id}`, { cookie })).json.name).toBe(policy.name);
  });
});

describe('POST /api/v1/incidents/:id/escalate', () => {
  async function incidentOn(cookie: string, policyId: string | null) {
    const service = await t.createService(cookie, { escalationPolicyId: policyId });
    const incident = await t.createIncident(cookie, { serviceId: service.id });
    await t.engine.runOnce();
    return incident;
  }

  it('moves a triggered incident to the next step and records who did it', async () => {
    const cookie = await admin();
    const { user: ada } = await t.createAccount('responder', 'ada');
    const { user: bob } = await t.createAccount('responder', 'bob');
    await t.addDevice(ada.id);
    const policy = await createPolicy(cookie, {
      name: 'two steps',
      repeat: 0,
      steps: [
        { delaySeconds: 600, targets: [{ type: 'user', id: ada.id }] },
        { delaySeconds: 600, targets: [{ type: 'user', id: bob.id }] },
      ],
    });
    const incident = await incidentOn(cookie, policy.id);
    const responder = await t.signedInUser('responder', 'rita');
    const res = await t.request('POST', `/api/v1/incidents/${incident.id}/escalate`, { cookie: responder.cookie });
    expect(res.status).toBe(200);
    const escalated = res.json.timeline.filter((event: { type: string }) => event.type === 'escalated');
    expect(escalated).toEqual([expect.objectContaining({ actor: expect.objectContaining({ id: responder.user.id }), data: { fromStep: 1 } })]);
  });

  it('is 409 for an incident that is not triggered or whose service has no policy', async () => {
    const cookie = await admin();
    const { user } = await t.createAccount();
    const withPolicy = await incidentOn(cookie, (await createPolicy(cookie, policyBody(user.id))).id);
    await t.request('POST', `/api/v1/incidents/${withPolicy.id}/acknowledge`, { cookie });
    expect(expectApiError(await t.request('POST', `/api/v1/incidents/${withPolicy.id}/escalate`, { cookie }), 409, 'conflict').message).toContain('acknowledged');

    const withoutPolicy = await incidentOn(cookie, null);
    expect(expectApiError(await t.request('POST', `/api/v1/incidents/${withoutPolicy.id}/escalate`, { cookie }), 409, 'conflict').message).toContain('no escalation policy');

    await t.request('POST', `/api/v1/incidents/${withPolicy.id}/resolve`, { cookie });
    expectApiError(await t.request('POST', `/api/v1/incidents/${withPolicy.id}/escalate`, { cookie }), 409, 'conflict');
  });

  it('is 404 for an unknown incident and 403 for a viewer', async () => {
    const cookie = await admin();
    const { user } = await t.createAccount();
    const incident = await incidentOn(cookie, (await createPolicy(cookie, policyBody(user.id))).id);
    expectApiError(await t.request('POST', '/api/v1/incidents/no-such-incident/escalate', { cookie }), 404, 'not_found');
    const viewer = (await t.signedInUser('viewer')).cookie;
    expectApiError(await t.request('POST', `/api/v1/incidents/${incident.id}/escalate`, { cookie: viewer }), 403, 'forbidden');
    const timeline = (await t.request('GET', `/api/v1/incidents/${incident.id}`, { cookie })).json.timeline;
    expect(timeline.map((event: { type: string }) => event.type)).not.toContain('escalated');
  });
});
