import { count } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { incidentDetail, incidentsOf } from '../helpers/events';
import { usePagingSuite } from '../helpers/paging';
import { expectApiError } from '../helpers/test-app';

const suite = usePagingSuite();

afterEach(() => {
  expect(suite.p.take(), 'a page nobody expected').toEqual([]);
});

const admin = () => suite.p.admin.cookie;

async function pagedService() {
  const ada = await suite.p.responder('ada');
  const policy = await suite.p.policy([{ delaySeconds: 600, targets: [{ type: 'user', id: ada.user.id }] }]);
  const service = await suite.t.createService(admin(), { escalationPolicyId: policy });
  return { service, key: service.integrationKey };
}

/** Posts as a script with curl would: no session, no Origin. */
async function send(key: string, body: unknown) {
  const res = await suite.t.request('POST', `/integrations/generic/${key}`, { body });
  await suite.t.engine.runOnce();
  return res;
}

async function pageRows(): Promise<number> {
  const [row] = await suite.t.db.select({ n: count() }).from(suite.t.db.t.pages);
  return row!.n;
}

describe('POST /integrations/generic/:key', () => {
  it('triggers an incident that pages and answers with its dedup key and incident', async () => {
    const { service, key } = await pagedService();
    const res = await send(key, {
      summary: 'Nightly backup failed',
      severity: 'SEV-2',
      dedupKey: 'backup-nightly',
      details: { exitCode: 3, host: 'db-1' },
      links: ['https://ci.example.com/jobs/42', { href: 'https://runbooks.example.com/backup', text: 'Runbook' }],
    });
    expect(res.status).toBe(202);
    const [incident] = await incidentsOf(suite.t, admin(), service.id);
    expect(res.json).toEqual({ status: 'success', dedupKey: 'backup-nightly', incidentId: incident.id });
    expect(incident).toMatchObject({ title: 'Nightly backup failed', severity: 'SEV-2', status: 'triggered', origin: 'integration' });
    expect(suite.p.take()).toEqual([`ada-1 #${incident.number}`]);

    const detail = await incidentDetail(suite.t, admin(), incident.id);
    expect(detail.alerts).toEqual([
      expect.objectContaining({
        source: 'generic',
        dedupKey: 'backup-nightly',
        severity: 'SEV-2',
        details: { exitCode: 3, host: 'db-1' },
        links: [
          { href: 'https://ci.example.com/jobs/42', text: null },
          { href: 'https://runbooks.example.com/backup', text: 'Runbook' },
        ],
      }),
    ]);
    expect(detail.timeline[0]).toMatchObject({ type: 'triggered', actor: { type: 'integration', name: 'Webhook' } });
  });

  it('makes up a 32-hex dedup key when none is given, and maps PagerDuty’s words', async () => {
    const { service, key } = await pagedService();
    const first = await send(key, { summary: 'Cron job late', severity: 'warning' });
    const second = await send(key, { summary: 'Cron job late' });
    expect(first.json.dedupKey).toMatch(/^[0-9a-f]{32}$/);
    expect(second.json.dedupKey).toMatch(/^[0-9a-f]{32}$/);
    expect(second.json.dedupKey).not.toBe(first.json.dedupKey);
    const incidents = await incidentsOf(suite.t, admin(), service.id);
    expect(incidents.map((incident) => [incident.id, incident.severity])).toEqual([
      [second.json.incidentId, 'SEV-3'],
      [first.json.incidentId, 'SEV-3'],
    ]);
    expect(suite.p.take()).toHaveLength(2);
  });

  it('folds a repeat into the open incident without paging, and resolves by dedup key', async () => {
    const { service, key } = await pagedService();
    const first = await send(key, { summary: 'Disk 90 % full', dedupKey: 'disk', severity: 'critical' });
    suite.t.clock.advance(60_000);
    const repeat = await send(key, { summary: 'Disk 95 % full', dedupKey: 'disk', severity: 'critical' });
    expect(repeat.json).toEqual({ status: 'success', dedupKey: 'disk', incidentId: first.json.incidentId });
    expect(await incidentsOf(suite.t, admin(), service.id)).toHaveLength(1);
    expect(suite.p.take()).toHaveLength(1);
    expect(await pageRows()).toBe(1);

    const resolve = await send(key, { action: 'resolve', dedupKey: 'disk' });
    expect(resolve.json).toEqual({ status: 'success', dedupKey: 'disk', incidentId: first.json.incidentId });
    expect((await incidentDetail(suite.t, admin(), first.json.incidentId)).status).toBe('resolved');

    const unknown = await send(key, { action: 'resolve', dedupKey: 'never-seen' });
    expect(unknown.json).toEqual({ status: 'success', dedupKey: 'never-seen', incidentId: null });
  });

  it('answers 400s that say what is wrong, in the API’s error shape', async () => {
    const { service, key } = await pagedService();
    const cases: Array<[unknown, string]> = [
      [{}, 'invalid body: summary: is required to trigger'],
      [{ summary: 'x', severity: 'urgent' }, 'invalid body: severity: must be one of SEV-1, SEV-2, SEV-3, SEV-4, critical, error, warning, info'],
      [{ summary: 'x', action: 'acknowledge' }, 'invalid body: action: must be "trigger" or "resolve"'],
      [{ action: 'resolve' }, 'invalid body: dedupKey: is required to resolve'],
      [{ summary: 'x', links: [{ href: 'javascript:alert(1)' }] }, 'invalid body: links[0].href: must be an http(s) URL'],
      [{ summary: 'x', details: { log: 'a\u0000b' } }, 'invalid body: details.log: must not contain control characters other than tab and line breaks'],
    ];
    for (const [body, message] of cases) expect(expectApiError(await send(key, body), 400, 'bad_request').message).toBe(message);
    expect(expectApiError(await suite.t.request('POST', `/integrations/generic/${key}`, { rawBody: 'summary=x' }), 400).message).toBe(
      'the request body is not valid JSON in UTF-8',
    );
    expect(await incidentsOf(suite.t, admin(), service.id)).toEqual([]);
  });

  it('answers 404 for an unknown key, 413 for a big body and 429 past the key’s rate', async () => {
    const { key } = await pagedService();
    expect((await send('K'.repeat(32), { summary: 'x' })).json).toEqual({ error: { code: 'not_found', message: 'no service has this integration key' } });
    expectApiError(await send(key, { summary: 'x', details: { blob: 'x'.repeat(513 * 1024) } }), 413, 'payload_too_large');
    for (let i = 0; i < 120; i++) expect((await send(key, { summary: 'x', dedupKey: 'same' })).status).toBe(202);
    const limited = await send(key, { summary: 'x', dedupKey: 'same' });
    expectApiError(limited, 429, 'rate_limited');
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0);
    suite.p.take();
  });
});
