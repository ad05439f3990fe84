import { afterEach, describe, expect, it } from 'vitest';
import { enqueue, incidentDetail, incidentsOf, triggerEvent } from '../helpers/events';
import { usePagingSuite } from '../helpers/paging';

const suite = usePagingSuite();

afterEach(() => {
  expect(suite.p.take(), 'a page nobody expected').toEqual([]);
});

/** A service paging Ada at once, and its integration key. */
async function pagedService() {
  const ada = await suite.p.responder('ada');
  const policy = await suite.p.policy([{ delaySeconds: 600, targets: [{ type: 'user', id: ada.user.id }] }]);
  const service = await suite.t.createService(suite.p.admin.cookie, { escalationPolicyId: policy });
  return { ada, service, key: service.integrationKey };
}

const admin = () => suite.p.admin.cookie;

describe('POST /v2/enqueue: triggers', () => {
  it('opens an incident that pages, answering exactly as PagerDuty does', async () => {
    const { service, key } = await pagedService();
    const res = await enqueue(
      suite.t,
      triggerEvent(key, { dedup_key: 'checkout-5xx', client: 'Nagios', client_url: 'https://nagios.example.com/', links: [{ href: 'https://grafana.example.com/d/1', text: 'Dashboard' }], images: [{ src: 'https://grafana.example.com/render/1.png', alt: 'error rate' }] }, {
        timestamp: '2026-03-02T02:55:00Z',
        component: 'checkout',
        group: 'prod',
        class: 'http',
        custom_details: { error_rate: 0.4, hosts: ['web-1', 'web-2'] },
      }),
    );
    expect(res.status).toBe(202);
    expect(res.json).toEqual({ status: 'success', message: 'Event processed', dedup_key: 'checkout-5xx' });
    await suite.t.engine.runOnce();

    const [incident] = await incidentsOf(suite.t, admin(), service.id);
    expect(incident).toMatchObject({
      title: 'Checkout error rate above 5 %',
      severity: 'SEV-1',
      status: 'triggered',
      origin: 'integration',
      startedAt: '2026-03-02T02:55:00.000Z',
      detectedAt: suite.t.clock.now().toISOString(),
    });
    expect(suite.p.take()).toEqual([`ada-1 #${incident.number}`]);
    const detail = await incidentDetail(suite.t, admin(), incident.id);
    expect(detail.alerts).toEqual([
      expect.objectContaining({
        dedupKey: 'checkout-5xx',
        source: 'events_api',
        status: 'triggered',
        severity: 'critical',
        count: 1,
        client: 'Nagios',
        clientUrl: 'https://nagios.example.com/',
        details: { source: 'web-1', component: 'checkout', group: 'prod', class: 'http', custom_details: { error_rate: 0.4, hosts: ['web-1', 'web-2'] } },
        links: [{ href: 'https://grafana.example.com/d/1', text: 'Dashboard' }],
        images: [{ src: 'https://grafana.example.com/render/1.png', href: null, alt: 'error rate' }],
        inMaintenance: false,
      }),
    ]);
    expect(detail.timeline[0]).toMatchObject({ type: 'triggered', actor: { type: 'integration', name: 'Nagios (Events API)' } });
  });

  it('counts a repeat of an open key on its alert and pages nobody again', async () => {
    const { service, key } = await pagedService();
    await enqueue(suite.t, triggerEvent(key, { dedup_key: 'disk-full' }));
    await suite.t.engine.runOnce();
    const [incident] = await incidentsOf(suite.t, admin(), service.id);
    expect(suite.p.take()).toEqual([`ada-1 #${incident.number}`]);

    suite.t.clock.advance(30_000);
    const repeat = await enqueue(suite.t, triggerEvent(key, { dedup_key: 'disk-full', links: [{ href: 'https://runbooks.example.com/disk' }] }, { summary: 'Disk 99 % full', severity: 'warning', custom_details: { used: 0.99 } }));
    expect(repeat.status).toBe(202);
    await suite.t.engine.runOnce();
    expect(await incidentsOf(suite.t, admin(), service.id)).toHaveLength(1);
    const [alert] = (await incidentDetail(suite.t, admin(), incident.id)).alerts;
    expect(alert).toMatchObject({
      count: 2,
      summary: 'Disk 99 % full',
      severity: 'warning',
      lastSeenAt: suite.t.clock.now().toISOString(),
      details: { source: 'web-1', custom_details: { used: 0.99 } },
      links: [{ href: 'https://runbooks.example.com/disk', text: null }],
    });
    expect(alert.firstSeenAt).not.toBe(alert.lastSeenAt);
  });

  it('takes the routing key from the X-Routing-Key header when the body has none', async () => {
    const { service, key } = await pagedService();
    const { routing_key: _, ...event } = triggerEvent(key);
    const res = await suite.t.request('POST', '/v2/enqueue', { body: event, headers: { 'X-Routing-Key': key } });
    expect(res.status).toBe(202);
    await suite.t.engine.runOnce();
    const [incident] = await incidentsOf(suite.t, admin(), service.id);
    expect(suite.p.take()).toEqual([`ada-1 #${incident.number}`]);
  });

  it('makes up a 32-character dedup key for a trigger without one and returns it', async () => {
    const { service, key } = await pagedService();
    const res = await enqueue(suite.t, triggerEvent(key));
    expect(res.status).toBe(202);
    expect(res.json.dedup_key).toMatch(/^[0-9a-f]{32}$/);
    const second = await enqueue(suite.t, triggerEvent(key));
    expect(second.json.dedup_key).not.toBe(res.json.dedup_key);
    await suite.t.engine.runOnce();
    expect(await incidentsOf(suite.t, admin(), service.id)).toHaveLength(2);
    suite.p.take();
  });

  it('maps severities by default and by the service’s own mapping', async () => {
    const service = await suite.t.createService(admin(), { severityMapping: { critical: 'SEV-2', info: 'SEV-3' } });
    expect(service.severityMapping).toEqual({ critical: 'SEV-2', error: 'SEV-2', warning: 'SEV-3', info: 'SEV-3', default: 'SEV-3' });
    for (const severity of ['critical', 'error', 'warning', 'info']) {
      expect((await enqueue(suite.t, triggerEvent(service.integrationKey, { dedup_key: severity }, { severity }))).status).toBe(202);
    }
    const bySummary = (await incidentsOf(suite.t, admin(), service.id)).map((incident) => incident.severity).reverse();
    expect(bySummary).toEqual(['SEV-2', 'SEV-2', 'SEV-3', 'SEV-3']);

    const patched = await suite.t.request('PATCH', `/api/v1/services/${service.id}`, { cookie: admin(), body: { severityMapping: { warning: 'SEV-1' } } });
    expect(patched.json.severityMapping).toEqual({ critical: 'SEV-2', error: 'SEV-2', warning: 'SEV-1', info: 'SEV-3', default: 'SEV-3' });
  });
});

describe('POST /v2/enqueue: acknowledge and resolve', () => {
  it('acknowledges the incident of an open key and stops its paging', async () => {
    const { service, key } = await pagedService();
    await enqueue(suite.t, triggerEvent(key, { dedup_key: 'k1' }));
    await suite.t.engine.runOnce();
    const [incident] = await incidentsOf(suite.t, admin(), service.id);
    suite.p.take();

    const ack = await enqueue(suite.t, { routing_key: key, event_action: 'acknowledge', dedup_key: 'k1' });
    expect(ack.json).toEqual({ status: 'success', message: 'Event processed', dedup_key: 'k1' });
    await suite.p.advance(3600);
    const detail = await incidentDetail(suite.t, admin(), incident.id);
    expect(detail.status).toBe('acknowledged');
    expect(detail.alerts[0].status).toBe('acknowledged');
    expect(detail.timeline.find((event: any) => event.type === 'acknowledged').actor).toEqual({ type: 'integration', id: service.id, name: 'Events API' });
  });

  it('resolves the incident, after which the same key opens a new one', async () => {
    const { service, key } = await pagedService();
    await enqueue(suite.t, triggerEvent(key, { dedup_key: 'k1' }));
    await suite.t.engine.runOnce();
    const [first] = await incidentsOf(suite.t, admin(), service.id);
    suite.p.take();

    expect((await enqueue(suite.t, { routing_key: key, event_action: 'resolve', dedup_key: 'k1' })).status).toBe(202);
    const resolved = await incidentDetail(suite.t, admin(), first.id);
    expect(resolved.status).toBe('resolved');
    expect(resolved.alerts[0]).toMatchObject({ status: 'resolved', resolvedAt: suite.t.clock.now().toISOString() });

    await enqueue(suite.t, triggerEvent(key, { dedup_key: 'k1' }));
    await suite.t.engine.runOnce();
    const incidents = await incidentsOf(suite.t, admin(), service.id);
    expect(incidents.map((incident) => incident.status)).toEqual(['triggered', 'resolved']);
    expect(suite.p.take()).toEqual([`ada-1 #${incidents[0].number}`]);
  });

  it('lets the key open a new incident once a person resolved the old one', async () => {
    const { service, key } = await pagedService();
    await enqueue(suite.t, triggerEvent(key, { dedup_key: 'k1' }));
    const [first] = await incidentsOf(suite.t, admin(), service.id);
    expect((await suite.t.request('POST', `/api/v1/incidents/${first.id}/resolve`, { cookie: admin() })).status).toBe(200);
    await enqueue(suite.t, triggerEvent(key, { dedup_key: 'k1' }));
    expect(await incidentsOf(suite.t, admin(), service.id)).toHaveLength(2);
  });

  it('answers 202 and changes nothing for an unknown or closed key', async () => {
    const { service, key } = await pagedService();
    for (const event_action of ['acknowledge', 'resolve']) {
      const res = await enqueue(suite.t, { routing_key: key, event_action, dedup_key: 'never-seen' });
      expect(res.status).toBe(202);
      expect(res.json).toEqual({ status: 'success', message: 'Event processed', dedup_key: 'never-seen' });
    }
    await enqueue(suite.t, triggerEvent(key, { dedup_key: 'k1' }));
    await enqueue(suite.t, { routing_key: key, event_action: 'resolve', dedup_key: 'k1' });
    const before = await incidentsOf(suite.t, admin(), service.id);
    expect((await enqueue(suite.t, { routing_key: key, event_action: 'acknowledge', dedup_key: 'k1' })).status).toBe(202);
    expect(await incidentsOf(suite.t, admin(), service.id)).toEqual(before);
    await suite.t.engine.runOnce();
    suite.p.take();
  });
});

describe('POST /v2/enqueue: refusals', () => {
  const invalid = (errors: string[]) => ({ status: 'invalid event', message: 'Event object is invalid', errors });

  it.each([
    ['no routing key', (key: string) => ({ ...triggerEvent(key), routing_key: undefined }), ["'routing_key' is missing or blank"]],
    ['a short routing key', () => triggerEvent('abc'), ["'routing_key' must be 32 characters"]],
    ['an unknown action', (key: string) => triggerEvent(key, { event_action: 'explode' }), ["'event_action' must be one of trigger, acknowledge, resolve"]],
    ['no payload', (key: string) => ({ routing_key: key, event_action: 'trigger' }), ["'payload' is missing or not an object"]],
    ['a blank summary', (key: string) => triggerEvent(key, {}, { summary: '  ' }), ["'payload.summary' is missing or blank"]],
    ['a long summary', (key: string) => triggerEvent(key, {}, { summary: 'x'.repeat(1025) }), ["'payload.summary' must be at most 1024 characters"]],
    ['no source', (key: string) => triggerEvent(key, {}, { source: undefined }), ["'payload.source' must be a string"]],
    ['an unknown severity', (key: string) => triggerEvent(key, {}, { severity: 'urgent' }), ["'payload.severity' must be one of critical, error, warning, info"]],
    ['a bad timestamp', (key: string) => triggerEvent(key, {}, { timestamp: 'yesterday' }), ["'payload.timestamp' must be an ISO 8601 date-time"]],
    ['a long dedup key', (key: string) => triggerEvent(key, { dedup_key: 'k'.repeat(256) }), ["'dedup_key' must be at most 255 characters"]],
    ['a resolve without a dedup key', (key: string) => ({ routing_key: key, event_action: 'resolve' }), ["'dedup_key' is required to resolve"]],
    ['a javascript: link', (key: string) => triggerEvent(key, { links: [{ href: 'javascript:alert(1)', text: 'x' }] }), ["'links[].href' must be an http(s) URL"]],
    ['a NUL in custom details', (key: string) => triggerEvent(key, {}, { custom_details: { log: 'a\u0000b' } }), ["'payload.custom_details.log' must not contain control characters other than tab and line breaks"]],
    ['an escape sequence in the summary', (key: string) => triggerEvent(key, {}, { summary: 'red \u001b[31m' }), ["'payload.summary' must be valid Unicode without control characters other than tab and line breaks"]],
  ])('refuses %s with a 400 naming it', async (_, build, errors) => {
    const { key } = await pagedService();
    const res = await enqueue(suite.t, build(key));
    expect(res.status).toBe(400);
    expect(res.json).toEqual(invalid(errors));
  });

  it('lists every problem of an event at once', async () => {
    const { key } = await pagedService();
    const res = await enqueue(suite.t, { routing_key: key, event_action: 'trigger', payload: { severity: 'urgent' } });
    expect(res.status).toBe(400);
    expect(res.json.errors).toEqual([
      "'payload.summary' must be a string",
      "'payload.source' must be a string",
      "'payload.severity' must be one of critical, error, warning, info",
    ]);
  });

  it('refuses a body that is not JSON, and one in broken UTF-8', async () => {
    const { key } = await pagedService();
    const notJson = await suite.t.request('POST', '/v2/enqueue', { rawBody: '{"routing_key":' });
    expect(notJson.status).toBe(400);
    expect(notJson.json).toEqual(invalid(['the request body is not valid JSON in UTF-8']));
    const bytes = Buffer.concat([Buffer.from(JSON.stringify(triggerEvent(key)).slice(0, -2)), Buffer.from([0xff, 0x22, 0x7d])]);
    const broken = await suite.t.app.request('/v2/enqueue', { method: 'POST', body: bytes, headers: { 'Content-Type': 'application/json' } });
    expect(broken.status).toBe(400);
  });

  it('refuses an unknown routing key with a 400 naming it, never a 5xx', async () => {
    await pagedService();
    const unknown = 'R'.repeat(32);
    const res = await enqueue(suite.t, triggerEvent(unknown));
    expect(res.status).toBe(400);
    expect(res.json).toEqual(invalid([`'routing_key' ${unknown} is not the integration key of any service`]));
  });

  it('refuses a key once the service rotated it', async () => {
    const { service, key } = await pagedService();
    expect((await enqueue(suite.t, triggerEvent(key, { dedup_key: 'before-rotation' }))).status).toBe(202);
    const rotated = await suite.t.request('POST', `/api/v1/services/${service.id}/rotate-key`, { cookie: admin() });
    expect((await enqueue(suite.t, triggerEvent(key))).status).toBe(400);
    expect((await enqueue(suite.t, triggerEvent(rotated.json.integrationKey))).status).toBe(202);
    await suite.t.engine.runOnce();
    suite.p.take();
  });

  it('answers 413 over 512 KB', async () => {
    const { key } = await pagedService();
    const res = await enqueue(suite.t, triggerEvent(key, {}, { custom_details: { blob: 'x'.repeat(513 * 1024) } }));
    expect(res.status).toBe(413);
    expect(res.json.status).toBe('invalid event');
  });

  it('rate-limits each routing key at 120 events a minute, with Retry-After, and recovers', async () => {
    const { key } = await pagedService();
    const other = await suite.t.createService(admin());
    for (let i = 0; i < 120; i++) expect((await enqueue(suite.t, triggerEvent(key, { dedup_key: 'same' }))).status).toBe(202);
    const limited = await enqueue(suite.t, triggerEvent(key, { dedup_key: 'same' }));
    expect(limited.status).toBe(429);
    expect(limited.headers.get('Retry-After')).toBe('1');
    expect(limited.json.status).toBe('throttle event');
    expect((await enqueue(suite.t, triggerEvent(other.integrationKey))).status).toBe(202);
    suite.t.clock.advance(1000);
    expect((await enqueue(suite.t, triggerEvent(key, { dedup_key: 'same' }))).status).toBe(202);
    await suite.t.engine.runOnce();
    suite.p.take();
  });
});

describe('POST /v2/change/enqueue', () => {
  it('stores a change and shows it on the service’s incidents of the next 24 hours', async () => {
    const { service, key } = await pagedService();
    const deploy = {
      routing_key: key,
      payload: { summary: 'Deploy checkout v2.3.1', source: 'github-actions', timestamp: '2026-03-02T02:40:00Z', custom_details: { commit: 'abc123' } },
      links: [{ href: 'https://github.com/acme/checkout/releases/v2.3.1', text: 'Release' }],
    };
    const res = await suite.t.request('POST', '/v2/change/enqueue', { body: deploy });
    expect(res.status).toBe(202);
    const old = { ...deploy, payload: { ...deploy.payload, summary: 'Old deploy', timestamp: '2026-02-28T02:40:00Z' } };
    expect((await suite.t.request('POST', '/v2/change/enqueue', { body: old })).status).toBe(202);

    await enqueue(suite.t, triggerEvent(key));
    await suite.t.engine.runOnce();
    suite.p.take();
    const [incident] = await incidentsOf(suite.t, admin(), service.id);
    const detail = await incidentDetail(suite.t, admin(), incident.id);
    expect(detail.recentChanges).toEqual([
      {
        id: expect.any(String),
        serviceId: service.id,
        summary: 'Deploy checkout v2.3.1',
        source: 'github-actions',
        at: '2026-03-02T02:40:00.000Z',
        details: { custom_details: { commit: 'abc123' } },
        links: [{ href: 'https://github.com/acme/checkout/releases/v2.3.1', text: 'Release' }],
      },
    ]);
    const listed = await suite.t.request('GET', `/api/v1/services/${service.id}/changes`, { cookie: admin() });
    expect(listed.json.items.map((change: any) => change.summary)).toEqual(['Deploy checkout v2.3.1']);
  });

  it('refuses a change without a summary', async () => {
    const { key } = await pagedService();
    const res = await suite.t.request('POST', '/v2/change/enqueue', { body: { routing_key: key, payload: {} } });
    expect(res.status).toBe(400);
    expect(res.json.errors).toEqual(["'payload.summary' must be a string"]);
  });
});
