import { count, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { resolved, webhookAlert, webhookNotification } from '../helpers/alertmanager';
import { incidentDetail, incidentsOf } from '../helpers/events';
import { usePagingSuite } from '../helpers/paging';
import { expectApiError } from '../helpers/test-app';

const suite = usePagingSuite();

afterEach(() => {
  expect(suite.p.take(), 'a page nobody expected').toEqual([]);
});

const admin = () => suite.p.admin.cookie;

/** A service paging Ada at once, and its integration key. */
async function pagedService(body: Record<string, unknown> = {}) {
  const ada = await suite.p.responder('ada');
  const policy = await suite.p.policy([{ delaySeconds: 600, targets: [{ type: 'user', id: ada.user.id }] }]);
  const service = await suite.t.createService(admin(), { escalationPolicyId: policy, ...body });
  return { service, key: service.integrationKey };
}

/** Posts a notification as Alertmanager does (no session, no Origin) and lets the engine page. */
async function notify(key: string, body: unknown) {
  const res = await suite.t.request('POST', `/integrations/alertmanager/${key}`, { body });
  await suite.t.engine.runOnce();
  return res;
}

/** Rows in the `pages` table: every page the engine decided on, delivered or not. */
async function pageRows(): Promise<number> {
  const { pages } = suite.t.db.t;
  const [row] = await suite.t.db.select({ n: count() }).from(pages);
  return row!.n;
}

async function pageRowsOf(incidentId: string): Promise<number> {
  const { pages } = suite.t.db.t;
  const [row] = await suite.t.db.select({ n: count() }).from(pages).where(eq(pages.incidentId, incidentId));
  return row!.n;
}

const group = '{}/{team="web"}:{alertname="HighLatency"}';
const web1 = webhookAlert('fp-web-1', { instance: 'web-1', severity: 'critical' });
const web2 = webhookAlert('fp-web-2', { instance: 'web-2', severity: 'critical' });

describe('POST /integrations/alertmanager/:key: firing', () => {
  it('opens one incident per group, holding every alert of it, and pages once', async () => {
    const { service, key } = await pagedService();
    const res = await notify(key, webhookNotification(group, [web1, web2]));
    expect(res.status).toBe(202);
    expect(res.json).toEqual({ status: 'success', alerts: 2 });

    const incidents = await incidentsOf(suite.t, admin(), service.id);
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({
      title: 'p99 latency above 2 s on web-1',
      severity: 'SEV-1',
      status: 'triggered',
      origin: 'integration',
      startedAt: '2026-03-02T02:55:00.123Z',
      detectedAt: suite.t.clock.now().toISOString(),
    });
    expect(suite.p.take()).toEqual([`ada-1 #${incidents[0].number}`]);
    expect(await pageRows()).toBe(1);

    const detail = await incidentDetail(suite.t, admin(), incidents[0].id);
    const alerts = [...detail.alerts].sort((a: any, b: any) => a.dedupKey.localeCompare(b.dedupKey));
    expect(alerts).toEqual([
      expect.objectContaining({
        dedupKey: 'fp-web-1',
        source: 'alertmanager',
        status: 'triggered',
        summary: 'p99 latency above 2 s on web-1',
        severity: 'critical',
        details: { labels: web1.labels, annotations: web1.annotations },
        links: [{ href: web1.generatorURL, text: 'Source' }],
        images: [],
        client: null,
        clientUrl: 'http://alertmanager.example.com:9093',
        startedAt: '2026-03-02T02:55:00.123Z',
        count: 1,
      }),
      expect.objectContaining({ dedupKey: 'fp-web-2', status: 'triggered', count: 1 }),
    ]);
    expect(detail.timeline.map((event: any) => event.type)).toContain('alert_added');
    expect(detail.timeline[0]).toMatchObject({ type: 'triggered', actor: { type: 'integration', id: service.id, name: 'Alertmanager' } });
  });

  it('opens a separate incident for each group', async () => {
    const { service, key } = await pagedService();
    await notify(key, webhookNotification(group, [web1]));
    const disk = webhookAlert('fp-disk', { alertname: 'DiskFull', instance: 'db-1', severity: 'warning' }, { annotations: { summary: 'Disk 95 % full on db-1' } });
    await notify(key, webhookNotification('{}:{alertname="DiskFull"}', [disk]));
    const incidents = await incidentsOf(suite.t, admin(), service.id);
    expect(incidents.map((incident) => [incident.title, incident.severity])).toEqual([
      ['Disk 95 % full on db-1', 'SEV-3'],
      ['p99 latency above 2 s on web-1', 'SEV-1'],
    ]);
    expect(suite.p.take()).toEqual([`ada-1 #${incidents[1].number}`, `ada-1 #${incidents[0].number}`]);
  });

  it('adds an alert that joins an open group to its incident, paging nobody again', async () => {
    const { service, key } = await pagedService();
    await notify(key, webhookNotification(group, [web1]));
    const [incident] = await incidentsOf(suite.t, admin(), service.id);
    expect(suite.p.take()).toEqual([`ada-1 #${incident.number}`]);

    suite.t.clock.advance(60_000);
    await notify(key, webhookNotification(group, [web1, web2]));
    expect(await incidentsOf(suite.t, admin(), service.id)).toHaveLength(1);
    const detail = await incidentDetail(suite.t, admin(), incident.id);
    expect(detail.alerts.map((alert: any) => alert.dedupKey).sort()).toEqual(['fp-web-1', 'fp-web-2']);
    expect(await pageRows()).toBe(1);
  });

  it('raises the incident to the severity of its worst alert, on the timeline', async () => {
    const { service, key } = await pagedService();
    await notify(key, webhookNotification(group, [webhookAlert('fp-warn', { instance: 'web-3', severity: 'warning' })]));
    const [incident] = await incidentsOf(suite.t, admin(), service.id);
    expect(incident.severity).toBe('SEV-3');
    expect(suite.p.take()).toEqual([`ada-1 #${incident.number}`]);

    await notify(key, webhookNotification(group, [webhookAlert('fp-warn', { instance: 'web-3', severity: 'warning' }), web1]));
    const detail = await incidentDetail(suite.t, admin(), incident.id);
    expect(detail.severity).toBe('SEV-1');
    expect(detail.timeline.at(-1)).toMatchObject({ type: 'severity_changed', data: { from: 'SEV-3', to: 'SEV-1' }, actor: { type: 'integration' } });

    // A milder alert joining later leaves it as it is.
    await notify(key, webhookNotification(group, [webhookAlert('fp-info', { instance: 'web-4', severity: 'info' })]));
    expect((await incidentDetail(suite.t, admin(), incident.id)).severity).toBe('SEV-1');
  });
});

describe('POST /integrations/alertmanager/:key: repeats', () => {
  it('counts Alertmanager’s resends on the alerts: no new incident, no new page', async () => {
    const { service, key } = await pagedService();
    const body = webhookNotification(group, [web1, web2]);
    await notify(key, body);
    const [incident] = await incidentsOf(suite.t, admin(), service.id);
    expect(suite.p.take()).toEqual([`ada-1 #${incident.number}`]);
    const types = async () => (await incidentDetail(suite.t, admin(), incident.id)).timeline.map((event: any) => event.type);
    const timelineBefore = await types();

    // group_interval, then repeat_interval: the same notification again and again.
    for (const seconds of [300, 300, 4 * 3600]) {
      suite.t.clock.advance(seconds * 1000);
      const res = await notify(key, body);
      expect(res.json).toEqual({ status: 'success', alerts: 2 });
    }
    await suite.p.advance(60);

    expect(await incidentsOf(suite.t, admin(), service.id)).toHaveLength(1);
    expect(await pageRows()).toBe(1);
    const detail = await incidentDetail(suite.t, admin(), incident.id);
    expect(detail.alerts.map((alert: any) => [alert.dedupKey, alert.count]).sort()).toEqual([
      ['fp-web-1', 4],
      ['fp-web-2', 4],
    ]);
    // Only the policy running out of steps (10 minutes in) was added: no retrigger, no alert added, no page. (A SEV-1
    // left 4 hours without a status update also gets update reminders: not paging, so left out here.)
    expect((await types()).filter((type: string) => type !== 'update_reminder')).toEqual([...timelineBefore, 'escalation_exhausted']);
  });

  it('keys alerts without a fingerprint by their labels, so their repeats fold too', async () => {
    const { service, key } = await pagedService();
    const bare = { ...web1, fingerprint: undefined };
    await notify(key, webhookNotification(group, [bare]));
    await notify(key, webhookNotification(group, [{ ...bare, labels: { severity: 'critical', instance: 'web-1', job: 'api', alertname: 'HighLatency' } }]));
    const [incident] = await incidentsOf(suite.t, admin(), service.id);
    const detail = await incidentDetail(suite.t, admin(), incident.id);
    expect(detail.alerts).toHaveLength(1);
    expect(detail.alerts[0].count).toBe(2);
    expect(detail.alerts[0].dedupKey).toMatch(/^[0-9a-f]{32}$/);
    expect(suite.p.take()).toEqual([`ada-1 #${incident.number}`]);
  });
});

describe('POST /integrations/alertmanager/:key: resolved', () => {
  it('resolves the incident only when every alert of the group has resolved', async () => {
    const { service, key } = await pagedService();
    await notify(key, webhookNotification(group, [web1, web2]));
    const [incident] = await incidentsOf(suite.t, admin(), service.id);
    expect(suite.p.take()).toEqual([`ada-1 #${incident.number}`]);

    suite.t.clock.advance(120_000);
    await notify(key, webhookNotification(group, [resolved(web1), web2]));
    let detail = await incidentDetail(suite.t, admin(), incident.id);
    expect(detail.status).toBe('triggered');
    expect(Object.fromEntries(detail.alerts.map((alert: any) => [alert.dedupKey, alert.status]))).toEqual({ 'fp-web-1': 'resolved', 'fp-web-2': 'triggered' });
    expect(detail.timeline.at(-1)).toMatchObject({ type: 'alert_resolved', data: { dedupKey: 'fp-web-1' } });

    suite.t.clock.advance(120_000);
    const res = await notify(key, webhookNotification(group, [resolved(web2)]));
    expect(res.json).toEqual({ status: 'success', alerts: 1 });
    detail = await incidentDetail(suite.t, admin(), incident.id);
    expect(detail.status).toBe('resolved');
    expect(detail.resolvedAt).toBe(suite.t.clock.now().toISOString());
    expect(detail.alerts.every((alert: any) => alert.status === 'resolved')).toBe(true);
    expect(detail.timeline.at(-1)).toMatchObject({ type: 'resolved', actor: { type: 'integration', name: 'Alertmanager' } });

    // A resend of the resolved notification changes nothing.
    await notify(key, webhookNotification(group, [resolved(web1), resolved(web2)]));
    expect((await incidentsOf(suite.t, admin(), service.id)).map((one) => one.status)).toEqual(['resolved']);
    expect(await pageRowsOf(incident.id)).toBe(1);
  });

  it('keeps the incident when its only open alert resolves in the notification that adds another', async () => {
    const { service, key } = await pagedService();
    await notify(key, webhookNotification(group, [web1]));
    const [incident] = await incidentsOf(suite.t, admin(), service.id);
    expect(suite.p.take()).toEqual([`ada-1 #${incident.number}`]);

    // Alertmanager lists the group's alerts in its own order: here the resolved one first.
    await notify(key, webhookNotification(group, [resolved(web1), web2]));
    expect((await incidentsOf(suite.t, admin(), service.id)).map((one) => [one.id, one.status])).toEqual([[incident.id, 'triggered']]);
    const detail = await incidentDetail(suite.t, admin(), incident.id);
    expect(Object.fromEntries(detail.alerts.map((alert: any) => [alert.dedupKey, alert.status]))).toEqual({ 'fp-web-1': 'resolved', 'fp-web-2': 'triggered' });
    expect(await pageRows()).toBe(1);
  });

  it('pages again for a group that fires after its incident resolved', async () => {
    const { service, key } = await pagedService();
    await notify(key, webhookNotification(group, [web1]));
    await notify(key, webhookNotification(group, [resolved(web1)]));
    suite.t.clock.advance(600_000);
    await notify(key, webhookNotification(group, [web1]));
    const incidents = await incidentsOf(suite.t, admin(), service.id);
    expect(incidents.map((incident) => incident.status)).toEqual(['triggered', 'resolved']);
    expect(suite.p.take()).toEqual([`ada-1 #${incidents[1].number}`, `ada-1 #${incidents[0].number}`]);
  });

  it('ignores a resolved alert it never saw firing', async () => {
    const { service, key } = await pagedService();
    const res = await notify(key, webhookNotification(group, [resolved(web1)]));
    expect(res.json).toEqual({ status: 'success', alerts: 1 });
    expect(await incidentsOf(suite.t, admin(), service.id)).toEqual([]);
  });
});

describe('POST /integrations/alertmanager/:key: severities and links', () => {
  it('maps the severity label through the service’s mapping, anything else to its default', async () => {
    const { service, key } = await pagedService({ severityMapping: { warning: 'SEV-2', default: 'SEV-4' } });
    const labels = ['critical', 'error', 'warning', 'info', 'SEV-2', 'page', undefined];
    for (const [i, severity] of labels.entries()) {
      const alert = webhookAlert(`fp-${i}`, { instance: `web-${i}`, ...(severity && { severity }) }, { annotations: { summary: `alert ${i}` } });
      expect((await notify(key, webhookNotification(`{}:{instance="web-${i}"}`, [alert]))).status).toBe(202);
    }
    const incidents = (await incidentsOf(suite.t, admin(), service.id)).reverse();
    expect(incidents.map((incident) => [incident.title, incident.severity])).toEqual([
      ['alert 0', 'SEV-1'],
      ['alert 1', 'SEV-2'],
      ['alert 2', 'SEV-2'],
      ['alert 3', 'SEV-4'],
      ['alert 4', 'SEV-2'],
      ['alert 5', 'SEV-4'],
      ['alert 6', 'SEV-4'],
    ]);
    expect(suite.p.take()).toHaveLength(labels.length);
  });

  it('keeps no javascript: link, and titles an alert without annotations by its labels', async () => {
    const { service, key } = await pagedService();
    const alert = webhookAlert('fp-x', { instance: 'web-1' }, { annotations: {}, generatorURL: 'javascript:alert(document.cookie)' });
    await notify(key, webhookNotification(group, [alert], { externalURL: 'javascript:alert(1)' }));
    const [incident] = await incidentsOf(suite.t, admin(), service.id);
    expect(incident.title).toBe('HighLatency instance=web-1 job=api');
    const detail = await incidentDetail(suite.t, admin(), incident.id);
    expect(detail.alerts[0]).toMatchObject({ links: [], clientUrl: null });
    expect(JSON.stringify(detail)).not.toContain('javascript:');
    suite.p.take();
  });
});

describe('POST /integrations/alertmanager/:key: refusals', () => {
  it('answers 404 for an unknown key, without a hint, never a 5xx', async () => {
    const { key } = await pagedService();
    for (const wrong of ['R'.repeat(32), `${key.slice(0, 31)}x`, 'short', 'x'.repeat(300)]) {
      const res = await notify(wrong, webhookNotification(group, [web1]));
      expect(res.status).toBe(404);
      expect(res.json).toEqual({ error: { code: 'not_found', message: 'no service has this integration key' } });
    }
  });

  it('refuses a key once the service rotated it', async () => {
    const { service, key } = await pagedService();
    const rotated = await suite.t.request('POST', `/api/v1/services/${service.id}/rotate-key`, { cookie: admin() });
    expect((await notify(key, webhookNotification(group, [web1]))).status).toBe(404);
    expect((await notify(rotated.json.integrationKey, webhookNotification(group, [web1]))).status).toBe(202);
    suite.p.take();
  });

  it('refuses a body that is not JSON, broken UTF-8, or a wrong shape with a 400 saying what', async () => {
    const { service, key } = await pagedService();
    const path = `/integrations/alertmanager/${key}`;
    const notJson = await suite.t.request('POST', path, { rawBody: '{"alerts":' });
    expect(expectApiError(notJson, 400, 'bad_request').message).toBe('the request body is not valid JSON in UTF-8');

    const bytes = Buffer.concat([Buffer.from('{"alerts":[],"receiver":"'), Buffer.from([0xff]), Buffer.from('"}')]);
    const broken = await suite.t.app.request(path, { method: 'POST', body: bytes, headers: { 'Content-Type': 'application/json' } });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toEqual({ error: { code: 'bad_request', message: 'the request body is not valid JSON in UTF-8' } });

    const cases: Array<[unknown, string]> = [
      [{ version: '4', alerts: 'none' }, 'invalid body: alerts: must be an array'],
      [{ version: '4' }, 'invalid body: alerts: must be an array'],
      [[web1], 'invalid body: the body must be a JSON object'],
      [webhookNotification(group, [web1, { ...web2, status: 'pending' as never }]), 'invalid body: alerts[1].status: must be "firing" or "resolved"'],
      [webhookNotification(group, [{ ...web1, labels: { job: 'a\u0000b' } }]), 'invalid body: alerts[0].labels.job: must not contain control characters other than tab and line breaks'],
    ];
    for (const [body, message] of cases) {
      expect(expectApiError(await notify(key, body), 400, 'bad_request').message).toBe(message);
    }
    // A notification with one bad alert is refused whole: nothing of it was applied.
    expect(await incidentsOf(suite.t, admin(), service.id)).toEqual([]);
  });

  it('accepts any version and Content-Type, and an empty alerts array', async () => {
    const { service, key } = await pagedService();
    const res = await suite.t.request('POST', `/integrations/alertmanager/${key}`, {
      rawBody: JSON.stringify(webhookNotification(group, [web1], { version: '3' })),
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(res.status).toBe(202);
    expect((await notify(key, webhookNotification(group, []))).json).toEqual({ status: 'success', alerts: 0 });
    await suite.t.engine.runOnce();
    expect(await incidentsOf(suite.t, admin(), service.id)).toHaveLength(1);
    suite.p.take();
  });

  it('answers 413 in the API’s error shape over 512 KB', async () => {
    const { key } = await pagedService();
    const big = webhookAlert('fp-big', { instance: 'web-1' }, { annotations: { description: 'x'.repeat(513 * 1024) } });
    const res = await notify(key, webhookNotification(group, [big]));
    expectApiError(res, 413, 'payload_too_large');
  });

  it('rate-limits each key at 120 requests a minute, however many alerts each holds, with Retry-After', async () => {
    const { service, key } = await pagedService();
    const other = await suite.t.createService(admin());
    const many = Array.from({ length: 150 }, (_, i) => webhookAlert(`fp-${i}`, { instance: `web-${i}` }));
    expect((await notify(key, webhookNotification(group, many))).json).toEqual({ status: 'success', alerts: 150 });
    for (let i = 1; i < 120; i++) expect((await notify(key, webhookNotification(group, [web1]))).status).toBe(202);
    const limited = await notify(key, webhookNotification(group, [web1]));
    expectApiError(limited, 429, 'rate_limited');
    expect(limited.headers.get('Retry-After')).toBe('1');
    expect((await notify(other.integrationKey, webhookNotification(group, [web1]))).status).toBe(202);
    suite.t.clock.advance(1000);
    expect((await notify(key, webhookNotification(group, [web1]))).status).toBe(202);

    const [incident] = await incidentsOf(suite.t, admin(), service.id);
    expect((await incidentDetail(suite.t, admin(), incident.id)).alerts).toHaveLength(151);
    expect(suite.p.take()).toEqual([`ada-1 #${incident.number}`]);
  });
});
