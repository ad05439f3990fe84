import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { updateIncidentRow } from '../../server/db/stores/incidents';
import { createTestApp, expectApiError, type TestApp } from '../helpers/test-app';

let t: TestApp;
let admin: { cookie: string };
let rita: { cookie: string; user: { id: string; name: string } };
let serviceId: string;
let integrationKey: string;

beforeEach(async () => {
  t = await createTestApp();
  admin = await t.signedInUser('admin');
  rita = await t.signedInUser('responder', 'Rita Responder');
  const service = await t.createService(admin.cookie, { name: 'Checkout' });
  serviceId = service.id;
  integrationKey = service.integrationKey;
});
afterEach(() => t.close());

const list = async (query: string, cookie = rita.cookie) => {
  const res = await t.request('GET', `/api/v1/incidents?${query}`, { cookie });
  expect(res.status, res.text).toBe(200);
  return res.json as { items: Array<{ number: number; title: string; status: string; severity: string; pagingNow?: string[] }>; nextCursor: string | null };
};
const titles = async (query: string, cookie?: string) => (await list(query, cookie)).items.map((incident) => incident.title);
const create = (title: string, severity = 'SEV-3', service = serviceId) => t.createIncident(admin.cookie, { serviceId: service, title, severity });
const command = async (id: string, verb: 'acknowledge' | 'resolve') =>
  expect((await t.request('POST', `/api/v1/incidents/${id}/${verb}`, { cookie: admin.cookie })).status).toBe(200);
const alert = async (summary: string, details: Record<string, unknown>) => {
  const res = await t.request('POST', `/integrations/generic/${integrationKey}`, { body: { summary, details } });
  expect(res.status, res.text).toBe(202);
};

describe('sort=triage', () => {
  it('triggered, then acknowledged, each by severity then oldest first; resolved last, newest first', async () => {
    const a = await create('ack SEV-3 old');
    const b = await create('trig SEV-2 old', 'SEV-2');
    const c = await create('resolved old', 'SEV-1');
    const d = await create('trig SEV-1', 'SEV-1');
    const e = await create('ack SEV-1', 'SEV-1');
    const f = await create('trig SEV-2 new', 'SEV-2');
    const g = await create('resolved new', 'SEV-4');
    const h = await create('ack SEV-3 new');
    for (const incident of [a, e, h]) await command(incident.id, 'acknowledge');
    for (const incident of [c, g]) await command(incident.id, 'resolve');
    void [b, d, f];

    expect(await titles('sort=triage')).toEqual([
      'trig SEV-1',
      'trig SEV-2 old',
      'trig SEV-2 new',
      'ack SEV-1',
      'ack SEV-3 old',
      'ack SEV-3 new',
      'resolved new',
      'resolved old',
    ]);
    // The default order stays newest first.
    expect((await list('')).items.map((incident) => incident.number)).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
  });

  it('pages by offset: every incident once, in order', async () => {
    for (const severity of ['SEV-4', 'SEV-1', 'SEV-3', 'SEV-2', 'SEV-1']) await create(`inc ${severity}`, severity);
    const whole = await titles('sort=triage');
    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page = await list(`sort=triage&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((incident) => incident.title));
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(whole);
    expect(whole).toEqual(['inc SEV-1', 'inc SEV-1', 'inc SEV-2', 'inc SEV-3', 'inc SEV-4']);
  });

  it('refuses an unknown sort and an overlong search with 400 naming the parameter', async () => {
    expect(expectApiError(await t.request('GET', '/api/v1/incidents?sort=oldest', { cookie: rita.cookie }), 400).message).toMatch(/sort/);
    expect(expectApiError(await t.request('GET', `/api/v1/incidents?q=${'x'.repeat(201)}`, { cookie: rita.cookie }), 400).message).toMatch(/\bq\b/);
  });
});

describe('q: free-text search', () => {
  it('matches the title case-insensitively', async () => {
    await create('Checkout returns 502');
    await create('Login slow');
    expect(await titles('q=CHECKOUT')).toEqual(['Checkout returns 502']);
    expect(await titles('q=%20%20slow%20')).toEqual(['Login slow']);
  });

  it('takes % and _ literally, not as wildcards', async () => {
    await create('Disk 100% full on db-1');
    await create('Disk 1000 inodes left');
    await create('queue_depth high');
    await create('queue depth high');
    expect(await titles(`q=${encodeURIComponent('100%')}`)).toEqual(['Disk 100% full on db-1']);
    expect(await titles(`q=${encodeURIComponent('queue_depth')}`)).toEqual(['queue_depth high']);
    expect(await titles(`q=${encodeURIComponent('\\')}`)).toEqual([]);
  });

  it("finds an incident by its alerts' summary and details", async () => {
    await alert('HighLatency on web', { host: 'Web-7.EU', region: 'eu-west-1' });
    await create('Unrelated');
    const [fromAlert] = (await list('')).items.filter((incident) => incident.title !== 'Unrelated');
    expect((await list('q=web-7.eu')).items.map((incident) => incident.number)).toEqual([fromAlert.number]);
    expect((await list('q=highlatency')).items.map((incident) => incident.number)).toEqual([fromAlert.number]);
    expect(await titles('q=us-east')).toEqual([]);
  });
});

describe('filters combined', () => {
  it('status, severity, service, search and "mine" narrow together', async () => {
    const other = await t.createService(admin.cookie, { name: 'Search' });
    const mine = await create('db latency', 'SEV-1');
    await create('db latency elsewhere', 'SEV-1', other.id);
    await create('db latency minor', 'SEV-3');
    const acked = await create('db latency acked', 'SEV-1');
    await command(acked.id, 'acknowledge');
    await create('cache misses', 'SEV-1');
    await updateIncidentRow(t.db, mine.id, { roles: { commander: rita.user.id, communications: null, scribe: null, experts: [] } });

    expect(await titles(`status=triggered&severity=SEV-1,SEV-2&serviceId=${serviceId}&q=latency`)).toEqual(['db latency']);
    expect(await titles(`status=triggered,acknowledged&severity=SEV-1&q=latency&sort=triage`)).toEqual([
      'db latency',
      'db latency elsewhere',
      'db latency acked',
    ]);
    expect(await titles('involvedUser=me')).toEqual(['db latency']);
    expect(await titles('involvedUser=me&status=acknowledged')).toEqual([]);
  });

  it('"mine" also takes incidents that paged me, and a triggered one says whom it is paging now', async () => {
    await t.addDevice(rita.user.id);
    const policy = await t.request('POST', '/api/v1/escalation-policies', {
      cookie: admin.cookie,
      body: { name: 'primary', repeat: 0, steps: [{ delaySeconds: 600, targets: [{ type: 'user', id: rita.user.id }] }] },
    });
    expect(policy.status, policy.text).toBe(201);
    const paged = await t.createService(admin.cookie, { name: 'Paged', escalationPolicyId: policy.json.id });
    const incident = await create('paging rita', 'SEV-2', paged.id);
    await create('nobody paged');
    await t.engine.runOnce();

    const page = await list('involvedUser=me');
    expect(page.items).toMatchObject([{ title: 'paging rita', pagingNow: ['Rita Responder'] }]);
    await command(incident.id, 'acknowledge');
    const [acked] = (await list('involvedUser=me')).items;
    expect(acked).toMatchObject({ status: 'acknowledged' });
    expect(acked.pagingNow).toBeUndefined();
    expect((await list('q=nobody')).items[0].pagingNow).toEqual([]);
  });
});
