import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { drillTemplates, maxInjectAfterSeconds, maxInjects } from '../../shared/domain/drills';
import { createTestApp, expectApiError, type TestApp } from '../helpers/test-app';

let t: TestApp;
let admin: { cookie: string; user: { id: string; name: string } };
let responder: { cookie: string; user: { id: string; name: string } };
let viewer: { cookie: string };
let service: { id: string; name: string };

beforeEach(async () => {
  t = await createTestApp();
  admin = await t.signedInUser('admin', 'Ada Admin');
  responder = await t.signedInUser('responder', 'Rita Responder');
  viewer = await t.signedInUser('viewer');
  service = await t.createService(admin.cookie, { name: 'Checkout' });
});
afterEach(() => t.close());

const scenarios = '/api/v1/drills/scenarios';
const written = () => ({
  name: 'Checkout database failover',
  serviceId: service.id,
  severity: 'SEV-1',
  title: 'Checkout failing',
  description: 'Practise the failover.',
  injects: [
    { afterSeconds: 600, kind: 'resolve-signal', text: 'error rate recovering' },
    { afterSeconds: 0, kind: 'alert', text: 'checkout error rate 40 %' },
    { afterSeconds: 120, kind: 'alert', text: 'database replica lag alert' },
  ],
});

async function create(body: unknown, cookie = responder.cookie, headers: Record<string, string> = {}) {
  const res = await t.request('POST', scenarios, { cookie, body, headers });
  expect(res.status, res.text).toBe(201);
  return res.json;
}

const badRequest = async (method: string, path: string, body: unknown) =>
  expectApiError(await t.request(method, path, { cookie: responder.cookie, body }), 400, 'bad_request').message;

describe('drill scenarios: create, read, list', () => {
  it('creates a written scenario with its injects sorted, and reads it back', async () => {
    const scenario = await create(written());
    const now = t.clock.now().toISOString();
    expect(scenario).toEqual({
      id: expect.any(String),
      name: 'Checkout database failover',
      serviceId: service.id,
      serviceName: 'Checkout',
      severity: 'SEV-1',
      title: 'Checkout failing',
      description: 'Practise the failover.',
      injects: [
        { afterSeconds: 0, kind: 'alert', text: 'checkout error rate 40 %' },
        { afterSeconds: 120, kind: 'alert', text: 'database replica lag alert' },
        { afterSeconds: 600, kind: 'resolve-signal', text: 'error rate recovering' },
      ],
      durationSeconds: 600,
      createdBy: { id: responder.user.id, name: 'Rita Responder' },
      createdAt: now,
      updatedAt: now,
    });
    const read = await t.request('GET', `${scenarios}/${scenario.id}`, { cookie: viewer.cookie });
    expect(read.status).toBe(200);
    expect(read.json).toEqual(scenario);
  });

  it('without a description stores an empty one; text is trimmed', async () => {
    const { description: _, ...body } = written();
    const scenario = await create({ ...body, name: '  Spaced  ', injects: [{ afterSeconds: 0, kind: 'note', text: '  hello\r\nworld  ' }] });
    expect(scenario).toMatchObject({ name: 'Spaced', description: '', injects: [{ afterSeconds: 0, kind: 'note', text: 'hello\nworld' }], durationSeconds: 0 });
  });

  it('starts from a built-in template: its story copied, the name defaulting to the template name', async () => {
    const scenario = await create({ template: 'database-outage', serviceId: service.id });
    const template = drillTemplates.find((candidate) => candidate.id === 'database-outage')!;
    expect(scenario).toMatchObject({
      name: template.name,
      serviceId: service.id,
      severity: template.severity,
      title: template.title,
      description: template.description,
      injects: template.injects,
      durationSeconds: 600,
    });
    const named = await create({ template: 'bad-deploy', serviceId: service.id, name: 'Friday deploy', severity: 'SEV-3' });
    expect(named).toMatchObject({ name: 'Friday deploy', severity: 'SEV-3', title: 'API latency up after release' });
  });

  it('lists every scenario by name with the four built-in templates, for every signed-in role', async () => {
    await create({ ...written(), name: 'b scenario' });
    await create({ ...written(), name: 'a scenario' }, admin.cookie);
    const list = await t.request('GET', scenarios, { cookie: viewer.cookie });
    expect(list.status).toBe(200);
    expect(list.json.items.map((scenario: { name: string }) => scenario.name)).toEqual(['a scenario', 'b scenario']);
    expect(list.json.items[0].createdBy).toEqual({ id: admin.user.id, name: 'Ada Admin' });
    expect(list.json.templates.map((template: { id: string }) => template.id)).toEqual(['database-outage', 'bad-deploy', 'certificate-expiry', 'dependency-down']);
    expect(list.json.templates[0]).toMatchObject({ name: 'Database outage', severity: 'SEV-1', durationSeconds: 600 });
    expect(list.json.templates[0].injects).toHaveLength(5);
  });

  it('an empty list still offers the templates', async () => {
    const list = await t.request('GET', scenarios, { cookie: viewer.cookie });
    expect(list.json.items).toEqual([]);
    expect(list.json.templates).toHaveLength(4);
  });
});

describe('drill scenarios: replace and delete', () => {
  it('PUT replaces the whole scenario, keeping who created it and when', async () => {
    const scenario = await create(written());
    t.clock.advance(60_000);
    const other = await t.createService(admin.cookie, { name: 'Payments' });
    const res = await t.request('PUT', `${scenarios}/${scenario.id}`, {
      cookie: admin.cookie,
      body: { name: 'Payments down', serviceId: other.id, severity: 'SEV-2', title: 'Payments failing', injects: [{ afterSeconds: 30, kind: 'escalate', text: 'escalate now' }] },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toEqual({
      ...scenario,
      name: 'Payments down',
      serviceId: other.id,
      serviceName: 'Payments',
      severity: 'SEV-2',
      title: 'Payments failing',
      description: '',
      injects: [{ afterSeconds: 30, kind: 'escalate', text: 'escalate now' }],
      durationSeconds: 30,
      updatedAt: t.clock.now().toISOString(),
    });
    expect((await t.request('GET', `${scenarios}/${scenario.id}`, { cookie: viewer.cookie })).json).toEqual(res.json);
  });

  it('PUT takes no template and needs every field but the description', async () => {
    const scenario = await create(written());
    const message = await badRequest('PUT', `${scenarios}/${scenario.id}`, { template: 'bad-deploy', serviceId: service.id });
    expect(message).toContain('name: must be the scenario name, as text');
    expect(message).toContain('title: must be the drill incident title, as text');
    expect(message).toContain('injects: must be a list of {afterSeconds, kind, text}');
    expect(message).toContain('body: unknown field template; give name, serviceId, severity, title, description and injects (a template is only for POST)');
  });

  it('DELETE answers 204, then the scenario is gone (404 on GET, PUT and DELETE)', async () => {
    const scenario = await create(written());
    const deleted = await t.request('DELETE', `${scenarios}/${scenario.id}`, { cookie: responder.cookie });
    expect(deleted.status).toBe(204);
    expectApiError(await t.request('GET', `${scenarios}/${scenario.id}`, { cookie: viewer.cookie }), 404, 'not_found');
    expectApiError(await t.request('PUT', `${scenarios}/${scenario.id}`, { cookie: responder.cookie, body: written() }), 404, 'not_found');
    expectApiError(await t.request('DELETE', `${scenarios}/${scenario.id}`, { cookie: responder.cookie }), 404, 'not_found');
    expect((await t.request('GET', scenarios, { cookie: viewer.cookie })).json.items).toEqual([]);
  });

  it('404 names the unknown scenario', async () => {
    const { message } = expectApiError(await t.request('GET', `${scenarios}/no-such-scenario`, { cookie: viewer.cookie }), 404, 'not_found');
    expect(message).toBe('drill scenario no-such-scenario not found');
  });

  it('deleting its service deletes the scenario with it', async () => {
    const scenario = await create(written());
    expect((await t.request('DELETE', `/api/v1/services/${service.id}`, { cookie: admin.cookie })).status).toBe(204);
    expectApiError(await t.request('GET', `${scenarios}/${scenario.id}`, { cookie: viewer.cookie }), 404, 'not_found');
  });
});

describe('drill scenarios: who may, and what is refused', () => {
  it('viewers may read but not write (403); nobody signed in gets 401', async () => {
    const scenario = await create(written());
    expectApiError(await t.request('POST', scenarios, { cookie: viewer.cookie, body: written() }), 403, 'forbidden');
    expectApiError(await t.request('PUT', `${scenarios}/${scenario.id}`, { cookie: viewer.cookie, body: written() }), 403, 'forbidden');
    expectApiError(await t.request('DELETE', `${scenarios}/${scenario.id}`, { cookie: viewer.cookie }), 403, 'forbidden');
    expect((await t.request('GET', `${scenarios}/${scenario.id}`, { cookie: viewer.cookie })).status).toBe(200);
    expectApiError(await t.request('GET', scenarios), 401);
    expectApiError(await t.request('GET', `${scenarios}/${scenario.id}`), 401);
  });

  it('an unknown service is a 400 naming serviceId, on POST (written or from a template) and PUT', async () => {
    expect(await badRequest('POST', scenarios, { ...written(), serviceId: 'no-such-service' })).toBe('invalid body: serviceId: no service no-such-service');
    expect(await badRequest('POST', scenarios, { template: 'bad-deploy', serviceId: 'no-such-service' })).toContain('serviceId: no service');
    const scenario = await create(written());
    expect(await badRequest('PUT', `${scenarios}/${scenario.id}`, { ...written(), serviceId: 'no-such-service' })).toContain('serviceId: no service');
    expect(await badRequest('POST', scenarios, { template: 'bad-deploy' })).toContain('serviceId: must be the id of the service');
  });

  it('an archived service is refused: a drill could never open an incident on it', async () => {
    const scenario = await create(written());
    const archived = await t.request('PATCH', `/api/v1/services/${service.id}`, { cookie: admin.cookie, body: { archived: true } });
    expect(archived.status, archived.text).toBe(200);
    expect(await badRequest('POST', scenarios, written())).toBe('invalid body: serviceId: service Checkout is archived; restore it to drill on it');
    expect(await badRequest('PUT', `${scenarios}/${scenario.id}`, written())).toContain('serviceId: service Checkout is archived');
    // Kept and readable, like the service's incidents.
    expect((await t.request('GET', `${scenarios}/${scenario.id}`, { cookie: viewer.cookie })).status).toBe(200);
  });

  it('without a template, the scenario fields are required, each named', async () => {
    const message = await badRequest('POST', scenarios, { serviceId: service.id });
    for (const field of ['name', 'severity', 'title', 'injects']) expect(message).toContain(`${field}: is required (or give a template to start from)`);
  });

  it('an unknown template is named with the ones there are', async () => {
    expect(await badRequest('POST', scenarios, { template: 'meteor-strike', serviceId: service.id })).toBe(
      'invalid body: template: must be one of database-outage, bad-deploy, certificate-expiry, dependency-down',
    );
  });

  it('refuses bad fields and injects, naming each', async () => {
    const inject = { afterSeconds: 0, kind: 'alert', text: 'x' };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ name: '' }, 'name: must not be empty'],
      [{ name: 'a\tb' }, 'name: must not contain control characters'],
      [{ severity: 'SEV-5' }, 'severity: must be one of SEV-1, SEV-2, SEV-3, SEV-4'],
      [{ title: '   ' }, 'title: must not be empty'],
      [{ injects: [] }, 'injects: give at least one inject'],
      [{ injects: 'soon' }, 'injects: must be a list of {afterSeconds, kind, text}'],
      [{ injects: Array.from({ length: maxInjects + 1 }, () => inject) }, `injects: at most ${maxInjects} injects`],
      [{ injects: [{ ...inject, afterSeconds: -1 }] }, 'injects.0.afterSeconds: must be 0 or more'],
      [{ injects: [inject, { ...inject, afterSeconds: maxInjectAfterSeconds + 1 }] }, `injects.1.afterSeconds: must be at most ${maxInjectAfterSeconds}`],
      [{ injects: [{ ...inject, afterSeconds: 1.5 }] }, 'injects.0.afterSeconds: must be a whole number of seconds'],
      [{ injects: [{ ...inject, afterSeconds: '10' }] }, 'injects.0.afterSeconds: must be a whole number of seconds from 0 to'],
      [{ injects: [{ ...inject, kind: 'page' }] }, 'injects.0.kind: must be one of alert, note, escalate, resolve-signal'],
      [{ injects: [{ ...inject, text: ' ' }] }, 'injects.0.text: must not be empty'],
      [{ injects: [{ ...inject, text: 'x'.repeat(1001) }] }, 'injects.0.text: must be at most 1000 characters'],
      [{ injects: [{ ...inject, extra: 1 }] }, 'injects.0'],
      [{ colour: 'red' }, 'body: unknown field colour; give template, name, serviceId'],
      [{ name: 42 }, 'name: must be the scenario name, as text'],
    ];
    for (const [change, expected] of cases) expect(await badRequest('POST', scenarios, { ...written(), ...change }), JSON.stringify(change)).toContain(expected);
    expect((await t.request('GET', scenarios, { cookie: viewer.cookie })).json.items).toEqual([]);
  });

  it('accepts the limits themselves: 50 injects, the last a day in, 1000 characters each', async () => {
    const injects = Array.from({ length: maxInjects }, (_, index) => ({ afterSeconds: index === 0 ? maxInjectAfterSeconds : index, kind: 'note', text: 'y'.repeat(1000) }));
    const scenario = await create({ ...written(), injects });
    expect(scenario.injects).toHaveLength(maxInjects);
    expect(scenario.injects.at(-1).afterSeconds).toBe(maxInjectAfterSeconds);
    expect(scenario.durationSeconds).toBe(maxInjectAfterSeconds);
  });
});

describe('drill scenarios: Idempotency-Key', () => {
  it('a replayed POST answers the first result and creates one scenario', async () => {
    const headers = { 'Idempotency-Key': crypto.randomUUID() };
    const first = await create(written(), responder.cookie, headers);
    t.clock.advance(1000);
    const replay = await t.request('POST', scenarios, { cookie: responder.cookie, body: written(), headers });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
    expect(replay.json).toEqual(first);
    expect((await t.request('GET', scenarios, { cookie: viewer.cookie })).json.items).toHaveLength(1);
  });

  it('a replayed PUT answers the first result without writing again', async () => {
    const scenario = await create(written());
    const headers = { 'Idempotency-Key': crypto.randomUUID() };
    const path = `${scenarios}/${scenario.id}`;
    const first = await t.request('PUT', path, { cookie: responder.cookie, body: { ...written(), name: 'v1' }, headers });
    expect(first.status).toBe(200);
    await t.request('PUT', path, { cookie: responder.cookie, body: { ...written(), name: 'v2' } });
    const replay = await t.request('PUT', path, { cookie: responder.cookie, body: { ...written(), name: 'v1' }, headers });
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
    expect(replay.json).toEqual(first.json);
    expect((await t.request('GET', path, { cookie: viewer.cookie })).json.name).toBe('v2');
  });
});
