import { readFileSync } from 'node:fs';
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

/** Grafana's webhook contact point payloads, shaped as Grafana's documentation gives them. */
const fixture = (name: 'firing' | 'resolved') => JSON.parse(readFileSync(new URL(`../fixtures/grafana/${name}.json`, import.meta.url), 'utf8'));

async function pagedService() {
  const ada = await suite.p.responder('ada');
  const policy = await suite.p.policy([{ delaySeconds: 600, targets: [{ type: 'user', id: ada.user.id }] }]);
  const service = await suite.t.createService(admin(), { escalationPolicyId: policy });
  return { service, key: service.integrationKey };
}

async function notify(key: string, body: unknown) {
  const res = await suite.t.request('POST', `/integrations/grafana/${key}`, { body });
  await suite.t.engine.runOnce();
  return res;
}

async function pageRows(): Promise<number> {
  const [row] = await suite.t.db.select({ n: count() }).from(suite.t.db.t.pages);
  return row!.n;
}

describe('POST /integrations/grafana/:key', () => {
  it('opens one incident for the notification’s group, keeping Grafana’s links, screenshot and values', async () => {
    const { service, key } = await pagedService();
    const body = fixture('firing');
    const res = await notify(key, body);
    expect(res.status).toBe(202);
    expect(res.json).toEqual({ status: 'success', alerts: 2 });

    const incidents = await incidentsOf(suite.t, admin(), service.id);
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ title: 'High memory usage in zone eu-1', severity: 'SEV-1', status: 'triggered', origin: 'integration', startedAt: '2026-03-02T02:51:03.157Z' });
    expect(suite.p.take()).toEqual([`ada-1 #${incidents[0].number}`]);

    const detail = await incidentDetail(suite.t, admin(), incidents[0].id);
    const memory = detail.alerts.find((alert: any) => alert.dedupKey === '7d3f0c1a9b2e4d58');
    expect(memory).toMatchObject({
      source: 'grafana',
      status: 'triggered',
      severity: 'critical',
      summary: 'High memory usage in zone eu-1',
      clientUrl: 'https://grafana.example.com/',
      details: {
        labels: body.alerts[0].labels,
        annotations: body.alerts[0].annotations,
        values: { B: 91.23943737541908, C: 1 },
        valueString: body.alerts[0].valueString,
      },
      links: [
        { href: body.alerts[0].generatorURL, text: 'Source' },
        { href: body.alerts[0].dashboardURL, text: 'Dashboard' },
        { href: body.alerts[0].panelURL, text: 'Panel' },
        { href: body.alerts[0].silenceURL, text: 'Silence' },
      ],
      images: [{ src: body.alerts[0].imageURL, href: body.alerts[0].panelURL, alt: 'High memory usage in zone eu-1' }],
    });
    const cpu = detail.alerts.find((alert: any) => alert.dedupKey === 'c0ffee15deadbeef');
    expect(cpu).toMatchObject({ severity: null, summary: 'CPU usage on the payments nodes in us-1 is above 85 %', images: [] });
    expect(cpu.links.map((link: any) => link.text)).toEqual(['Source', 'Silence']);
    expect(detail.timeline[0]).toMatchObject({ type: 'triggered', actor: { type: 'integration', name: 'Grafana' } });
  });

  it('folds Grafana’s resends into the open incident: no new incident, no new page', async () => {
    const { service, key } = await pagedService();
    for (let i = 0; i < 3; i++) {
      expect((await notify(key, fixture('firing'))).status).toBe(202);
      suite.t.clock.advance(300_000);
    }
    const [incident] = await incidentsOf(suite.t, admin(), service.id);
    expect(await incidentsOf(suite.t, admin(), service.id)).toHaveLength(1);
    expect(suite.p.take()).toEqual([`ada-1 #${incident.number}`]);
    expect(await pageRows()).toBe(1);
    const detail = await incidentDetail(suite.t, admin(), incident.id);
    expect(detail.alerts.map((alert: any) => alert.count)).toEqual([3, 3]);
  });

  it('resolves the incident once every alert of the group has resolved', async () => {
    const { service, key } = await pagedService();
    await notify(key, fixture('firing'));
    const [incident] = await incidentsOf(suite.t, admin(), service.id);
    suite.p.take();

    const partly = fixture('firing');
    partly.alerts[0] = fixture('resolved').alerts[0];
    await notify(key, partly);
    expect((await incidentDetail(suite.t, admin(), incident.id)).status).toBe('triggered');

    const res = await notify(key, fixture('resolved'));
    expect(res.json).toEqual({ status: 'success', alerts: 2 });
    const detail = await incidentDetail(suite.t, admin(), incident.id);
    expect(detail.status).toBe('resolved');
    expect(detail.alerts.map((alert: any) => alert.status)).toEqual(['resolved', 'resolved']);
    expect(await pageRows()).toBe(1);
  });

  it('never merges a Grafana group into an Alertmanager group of the same key', async () => {
    const { service, key } = await pagedService();
    const grafana = fixture('firing');
    grafana.groupKey = '{}:{}';
    await notify(key, grafana);
    const am = { version: '4', groupKey: '{}:{}', status: 'firing', alerts: [{ status: 'firing', labels: { alertname: 'Down' }, annotations: {}, fingerprint: 'am-1' }] };
    expect((await suite.t.request('POST', `/integrations/alertmanager/${key}`, { body: am })).status).toBe(202);
    await suite.t.engine.runOnce();
    const incidents = await incidentsOf(suite.t, admin(), service.id);
    expect(incidents.map((incident) => incident.title)).toEqual(['Down', 'High memory usage in zone eu-1']);
    expect(suite.p.take()).toHaveLength(2);
  });

  it('keeps no javascript: link or image', async () => {
    const { service, key } = await pagedService();
    const body = fixture('firing');
    for (const field of ['generatorURL', 'dashboardURL', 'panelURL', 'silenceURL', 'imageURL']) body.alerts[0][field] = 'javascript:alert(1)';
    await notify(key, body);
    const [incident] = await incidentsOf(suite.t, admin(), service.id);
    const memory = (await incidentDetail(suite.t, admin(), incident.id)).alerts.find((alert: any) => alert.dedupKey === '7d3f0c1a9b2e4d58');
    expect([memory.links, memory.images]).toEqual([[], []]);
    suite.p.take();
  });

  it('answers 400, 404 and 413 in the API’s error shape', async () => {
    const { service, key } = await pagedService();
    expect((await notify('G'.repeat(32), fixture('firing'))).json).toEqual({ error: { code: 'not_found', message: 'no service has this integration key' } });
    expectApiError(await suite.t.request('POST', `/integrations/grafana/${key}`, { rawBody: 'not json' }), 400, 'bad_request');
    const badValues = fixture('firing');
    badValues.alerts[0].values = 'B=91';
    expect(expectApiError(await notify(key, badValues), 400, 'bad_request').message).toBe('invalid body: alerts[0].values: must be an object');
    const escape = fixture('firing');
    escape.alerts[1].annotations.description = 'CPU \u009b31m hot';
    expect(expectApiError(await notify(key, escape), 400).message).toBe(
      'invalid body: alerts[1].annotations.description: must not contain control characters other than tab and line breaks',
    );
    const big = fixture('firing');
    big.message = 'x'.repeat(600 * 1024);
    expectApiError(await notify(key, big), 413, 'payload_too_large');
    expect(await incidentsOf(suite.t, admin(), service.id)).toEqual([]);
  });
});
