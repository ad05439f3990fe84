import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { User } from '../../shared/api/accounts';
import type { Heartbeat, MaintenanceWindow } from '../../shared/api/detection';
import type { ServiceWebhook, WebhookAttempt } from '../../shared/api/service-webhooks';
import { serviceEventTypes } from '../../shared/domain/service-events';
import type { Service } from '../../shared/api/services';
import { defaultSeverityMapping } from '../../shared/domain/alert-severity';
import { errorResponse, jsonResponse, stubFetch } from '../testing/fetch-stub';
import { ada, alertFixture, changeFixture } from '../testing/fixtures';
import { mountAppAt } from '../testing/mount-app';
import { resetOfflineDb } from '../testing/offline-db';

let wrapper: VueWrapper | undefined;
beforeEach(resetOfflineDb);
afterEach(() => {
  wrapper?.unmount();
  wrapper = undefined;
  vi.unstubAllGlobals();
});

const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
const newKey = 'Zk3p9QvT2mLx8RwB4nHc6YdJ1sFa7GeU';
const service: Service = {
  id: 'svc-1',
  name: 'Checkout API',
  description: 'Card payments and refunds',
  teamId: null,
  escalationPolicyId: null,
  severityMapping: defaultSeverityMapping,
  stormThreshold: 20,
  archivedAt: null,
  createdAt: '2026-03-01T00:00:00Z',
};
const heartbeat = (overrides: Partial<Heartbeat>): Heartbeat => ({
  id: 'hb-1',
  serviceId: 'svc-1',
  name: 'Nightly backup',
  intervalSeconds: 86_400,
  url: 'https://muster.example.com/heartbeat/tok-1',
  // Not exactly 2 min: the screen's clock was read a moment before this answer.
  lastPingAt: minutesFromNow(-2.5),
  status: 'up',
  expiresAt: minutesFromNow(60),
  createdAt: '2026-03-01T00:00:00Z',
  ...overrides,
});
const running: MaintenanceWindow = {
  id: 'mw-1',
  serviceId: 'svc-1',
  startsAt: minutesFromNow(-10),
  endsAt: minutesFromNow(50),
  createdBy: { id: 'u-bob', name: 'Bob' },
  createdAt: minutesFromNow(-10),
};

const attempt = (overrides: Partial<WebhookAttempt>): WebhookAttempt => ({
  id: 'att-1',
  event: 'incident.triggered',
  incidentId: 'inc-1',
  attempt: 1,
  outcome: 'delivered',
  status: 200,
  error: null,
  durationMs: 85,
  at: minutesFromNow(-3),
  ...overrides,
});
const chatOps: ServiceWebhook = {
  id: 'wh-1',
  serviceId: 'svc-1',
  url: 'https://chat.example.com/hooks/muster',
  events: [...serviceEventTypes],
  signed: true,
  createdAt: '2026-03-01T00:00:00Z',
  attempts: [
    attempt({ id: 'att-3', event: 'incident.acknowledged', attempt: 2, at: minutesFromNow(-1) }),
    attempt({ id: 'att-2', event: 'incident.acknowledged', outcome: 'retryable', status: 503, error: 'receiver answered 503', durationMs: 1240, at: minutesFromNow(-2) }),
    attempt({}),
  ],
};
const automation: ServiceWebhook = {
  ...chatOps,
  id: 'wh-2',
  url: 'https://automation.example.com/muster',
  events: ['incident.triggered', 'incident.resolved'],
  signed: false,
  attempts: [],
};

function serve(role: User['role'], windows: MaintenanceWindow[] = [running], webhooks: ServiceWebhook[] = [chatOps, automation]) {
  const at = '/api/v1/services/svc-1';
  return stubFetch({
    'GET /api/v1/me': () => jsonResponse(200, { user: { ...ada, role } }),
    'GET /api/v1/services': () => jsonResponse(200, { items: [service] }),
    [`GET ${at}`]: () => jsonResponse(200, service),
    [`GET ${at}/setup`]: () => jsonResponse(200, { publicUrl: 'https://muster.example.com' }),
    [`GET ${at}/heartbeats`]: () =>
      jsonResponse(200, {
        items: [heartbeat({}), heartbeat({ id: 'hb-2', name: 'Queue worker', intervalSeconds: 300, status: 'expired', lastPingAt: minutesFromNow(-190), expiresAt: null })],
      }),
    [`GET ${at}/maintenance`]: () => jsonResponse(200, { items: windows }),
    [`GET ${at}/alerts`]: () =>
      jsonResponse(200, { items: [alertFixture({ summary: 'Disk 95 % full', inMaintenance: true, incidentId: null }), alertFixture()] }),
    [`GET ${at}/changes`]: () => jsonResponse(200, { items: [changeFixture()] }),
    [`POST ${at}/rotate-key`]: () => jsonResponse(200, { ...service, integrationKey: newKey }),
    [`POST ${at}/maintenance`]: () => jsonResponse(201, running),
    [`DELETE ${at}/maintenance/mw-1`]: () => new Response(null, { status: 204 }),
    [`POST ${at}/heartbeats`]: () => jsonResponse(201, heartbeat({ id: 'hb-3' })),
    [`DELETE ${at}/heartbeats/hb-1`]: () => new Response(null, { status: 204 }),
    [`GET ${at}/webhooks`]: () => jsonResponse(200, { items: webhooks }),
    [`POST ${at}/webhooks`]: () => jsonResponse(201, { ...automation, id: 'wh-3' }),
    [`DELETE ${at}/webhooks/wh-2`]: () => new Response(null, { status: 204 }),
    [`GET ${at}/runbooks`]: () => jsonResponse(200, { items: [] }),
  });
}

async function openService() {
  let router;
  ({ wrapper, router } = await mountAppAt('/services/svc-1'));
  await vi.waitFor(() => expect(wrapper!.find('h1').text()).toBe('Checkout API'));
  await vi.waitFor(() => expect(wrapper!.find('.heartbeat').exists()).toBe(true));
  return { view: wrapper!, router };
}

const buttons = (view: VueWrapper) => view.findAll('button').map((b) => b.text());
const button = (view: VueWrapper, text: string) => view.findAll('button').find((b) => b.text() === text)!;
const snippetTexts = (view: VueWrapper) => view.findAll('.snippet-text').map((pre) => pre.text());

describe('service screen', () => {
  it('shows maintenance, alerts, changes, heartbeats and setup to everyone', async () => {
    serve('viewer');
    const { view } = await openService();

    expect(view.find('.maintenance-banner').text()).toMatch(/^In maintenance until .+: alerts open no incident and page nobody\.$/);
    expect(view.find('.window').text()).toContain('by Bob');
    expect(view.findAll('.alert-card')).toHaveLength(2);
    expect(view.find('.alert-card .maintenance-tag').text()).toBe('In maintenance · no incident');
    expect(view.find('.change').text()).toContain('Deployed checkout 2026.03.02-1');
    const [up, expired] = view.findAll('.heartbeat');
    expect(up.attributes('data-state')).toBe('up');
    expect(up.text()).toContain('Up · last ping 2 minutes ago');
    expect(up.text()).toContain('every day');
    expect(expired.attributes('data-state')).toBe('expired');
    expect(expired.find('.state').text()).toBe('Expired · last ping 3 hours ago');
    expect(snippetTexts(view)).toContain('https://muster.example.com/heartbeat/tok-1');
    expect(snippetTexts(view).join('\n')).toContain('routing_key: <integration key>');
    expect(snippetTexts(view)).toContain('https://muster.example.com/integrations/grafana/<integration key>');
    expect(view.text()).toContain('an admin can rotate it');
    // Viewers look and may follow its incidents' updates; they change nothing.
    expect(buttons(view).filter((label) => label !== 'Copy')).toEqual(['Follow updates for all its incidents']);
    expect(view.find('form').exists()).toBe(false);
  });

  it('lets responders start and end maintenance, but not manage keys or heartbeats', async () => {
    const { requests } = serve('responder', []);
    const { view } = await openService();
    expect(view.find('.maintenance-banner').exists()).toBe(false);
    expect(buttons(view)).not.toContain('Rotate key to get a new one');
    expect(buttons(view)).not.toContain('Delete');
    expect(view.find('form[aria-label="New heartbeat"]').exists()).toBe(false);

    await button(view, 'Maintenance for 1 h').trigger('click');
    await vi.waitFor(() => expect(requests.some((req) => req.method === 'POST')).toBe(true));
    expect(requests.find((req) => req.method === 'POST')).toMatchObject({ path: '/api/v1/services/svc-1/maintenance', body: { minutes: 60 } });
    await vi.waitFor(() => expect(button(view, 'Maintenance for 1 h').attributes('disabled')).toBeUndefined());

    await button(view, 'Maintenance until…').trigger('click');
    await view.find('input[name="until"]').setValue('2030-01-02T03:04');
    await view.find('form.until-form').trigger('submit');
    await vi.waitFor(() => expect(requests.filter((req) => req.method === 'POST')).toHaveLength(2));
    expect(requests.filter((req) => req.method === 'POST')[1].body).toEqual({ end: new Date('2030-01-02T03:04').toISOString() });
  });

  it('ends a running window now', async () => {
    const { requests } = serve('responder');
    const { view } = await openService();
    await button(view, 'End now').trigger('click');
    await vi.waitFor(() => expect(requests.some((req) => req.method === 'DELETE')).toBe(true));
    expect(requests.find((req) => req.method === 'DELETE')!.path).toBe('/api/v1/services/svc-1/maintenance/mw-1');
  });

  it('rotates the key for admins after a warning, shows it once and puts it in the snippets', async () => {
    const { requests } = serve('admin');
    const { view, router } = await openService();

    await button(view, 'Rotate key to get a new one').trigger('click');
    expect(view.text()).toContain('Every tool using the current key stops reaching Muster');
    expect(requests.filter((req) => req.method === 'POST')).toHaveLength(0);
    await button(view, 'Rotate key').trigger('click');
    await vi.waitFor(() => expect(view.find('.secret').exists()).toBe(true));

    expect(requests.filter((req) => req.method === 'POST').map((req) => req.path)).toEqual(['/api/v1/services/svc-1/rotate-key']);
    expect(view.find('.secret').text()).toBe(newKey);
    expect(view.find('.shown-once').text()).toContain('Copy it now: it will not be shown again');
    expect(snippetTexts(view).join('\n')).toContain(`routing_key: ${newKey}`);
    expect(snippetTexts(view)).toContain(`https://muster.example.com/integrations/grafana/${newKey}`);
    expect(snippetTexts(view).join('\n')).not.toContain('<integration key>');

    // Leaving the screen forgets it: coming back shows the placeholder again.
    await router.push('/services');
    await flushPromises();
    await router.push('/services/svc-1');
    await vi.waitFor(() => expect(view.find('h1').text()).toBe('Checkout API'));
    await vi.waitFor(() => expect(view.find('.snippet-text').exists()).toBe(true));
    expect(view.find('.secret').exists()).toBe(false);
    expect(snippetTexts(view).join('\n')).toContain('routing_key: <integration key>');
  });

  it('lets admins add and delete heartbeats', async () => {
    const { requests } = serve('admin');
    const { view } = await openService();

    await view.find('input[name="name"]').setValue('Cert renewal');
    await view.find('input[name="every"]').setValue('6');
    await view.find('select[name="unit"]').setValue('3600');
    await view.find('form[aria-label="New heartbeat"]').trigger('submit');
    await vi.waitFor(() => expect(requests.some((req) => req.path.endsWith('/heartbeats') && req.method === 'POST')).toBe(true));
    expect(requests.find((req) => req.method === 'POST')!.body).toEqual({ name: 'Cert renewal', intervalSeconds: 21_600 });

    await button(view, 'Delete').trigger('click');
    await button(view, 'Delete heartbeat').trigger('click');
    await vi.waitFor(() => expect(requests.some((req) => req.method === 'DELETE')).toBe(true));
    expect(requests.find((req) => req.method === 'DELETE')!.path).toBe('/api/v1/services/svc-1/heartbeats/hb-1');
  });

  it('keeps the other sections when one cannot load', async () => {
    const { routes } = serve('admin');
    routes['GET /api/v1/services/svc-1/setup'] = () => errorResponse(404, 'not_found', 'no API endpoint GET /api/v1/services/svc-1/setup');
    routes['GET /api/v1/services/svc-1/alerts'] = () => errorResponse(500, 'internal', 'the database did not answer');
    const { view } = await openService();
    await vi.waitFor(() => expect(view.findAll('[role="alert"]')).toHaveLength(2));
    expect(view.findAll('[role="alert"]').map((node) => node.text())).toEqual([
      'The database did not answer',
      'No API endpoint GET /api/v1/services/svc-1/setup',
    ]);
    expect(view.find('.change').exists()).toBe(true);
    expect(view.findAll('.heartbeat')).toHaveLength(2);
    expect(view.find('#setup-heading').exists()).toBe(false);
  });

  it('is listed on the services screen', async () => {
    serve('viewer');
    ({ wrapper } = await mountAppAt('/services'));
    await vi.waitFor(() => expect(wrapper!.find('.service').exists()).toBe(true));
    expect(wrapper.find('.service').attributes('href')).toBe('/services/svc-1');
    expect(wrapper.find('.service').text()).toContain('Card payments and refunds');
  });
});

describe('outgoing webhooks on the service screen', () => {
  const webhookRequests = (requests: ReturnType<typeof serve>['requests']) => requests.filter((req) => req.path.includes('/webhooks'));

  it('are not shown to responders or viewers, nor asked for', async () => {
    for (const role of ['responder', 'viewer'] as const) {
      const { requests } = serve(role);
      const { view } = await openService();
      expect(view.find('#webhooks-heading').exists()).toBe(false);
      expect(webhookRequests(requests)).toEqual([]);
      wrapper!.unmount();
      wrapper = undefined;
    }
  });

  it('lists each webhook with its events, whether it is signed, and its delivery log folded away', async () => {
    serve('admin');
    const { view } = await openService();
    await vi.waitFor(() => expect(view.findAll('.webhook')).toHaveLength(2));
    const [first, second] = view.findAll('.webhook');
    expect(first.find('.webhook-url').text()).toBe('https://chat.example.com/hooks/muster');
    expect(first.text()).toContain('All events · signed');
    expect(second.text()).toContain('Triggered, Resolved · not signed');

    const log = first.find('details');
    expect(log.attributes('open')).toBeUndefined();
    expect(log.find('summary').text()).toBe('Delivery log (3)');
    const rows = log.findAll('.attempt');
    expect(rows.map((row) => row.attributes('data-tone'))).toEqual(['ok', 'failed', 'ok']);
    expect(rows[0].text()).toContain('Delivered');
    expect(rows[0].text()).toContain('Acknowledged');
    expect(rows[0].text()).toContain('HTTP 200 · 85 ms · attempt 2');
    expect(rows[1].find('.outcome').text()).toBe('Failed');
    expect(rows[1].text()).toContain('HTTP 503 · 1.2 s');
    expect(rows[1].find('.attempt-error').text()).toBe('receiver answered 503');
    expect(second.find('summary').text()).toBe('Delivery log (0)');
    expect(second.text()).toContain('Nothing sent yet.');
  });

  it('adds a webhook for every event unless some are unticked, the secret sent once', async () => {
    const { requests } = serve('admin', [], []);
    const { view } = await openService();
    await vi.waitFor(() => expect(view.text()).toContain('No webhooks yet.'));
    const form = view.find('form[aria-label="New webhook"]');
    const boxes = form.findAll('input[type="checkbox"]');
    expect(boxes.map((box) => (box.element as HTMLInputElement).checked)).toEqual(serviceEventTypes.map(() => true));

    await form.find('input[name="url"]').setValue(' https://chat.example.com/hooks/muster ');
    await form.find('input[name="secret"]').setValue('whsec-1');
    await form.trigger('submit');
    await vi.waitFor(() => expect(webhookRequests(requests).filter((req) => req.method === 'POST')).toHaveLength(1));
    expect(webhookRequests(requests).find((req) => req.method === 'POST')!.body).toEqual({ url: 'https://chat.example.com/hooks/muster', secret: 'whsec-1' });
    // The list is read again, and the form is empty for the next one.
    await vi.waitFor(() => expect(webhookRequests(requests).filter((req) => req.method === 'GET')).toHaveLength(2));
    expect((form.find('input[name="secret"]').element as HTMLInputElement).value).toBe('');

    await form.find('input[name="url"]').setValue('https://automation.example.com/muster');
    for (const box of form.findAll('input[type="checkbox"]')) {
      if (!['incident.triggered', 'incident.resolved'].includes((box.element as HTMLInputElement).value)) await box.setValue(false);
    }
    await form.trigger('submit');
    await vi.waitFor(() => expect(webhookRequests(requests).filter((req) => req.method === 'POST')).toHaveLength(2));
    expect(webhookRequests(requests).filter((req) => req.method === 'POST')[1].body).toEqual({
      url: 'https://automation.example.com/muster',
      events: ['incident.triggered', 'incident.resolved'],
    });
  });

  it('shows why a webhook was refused', async () => {
    const { routes } = serve('admin', [], []);
    routes['POST /api/v1/services/svc-1/webhooks'] = () =>
      errorResponse(400, 'bad_request', 'url: 10.0.0.7 is not a public host; the operator can allow it in MUSTER_OUTGOING_ALLOWED_HOSTS');
    const { view } = await openService();
    await vi.waitFor(() => expect(view.find('form[aria-label="New webhook"]').exists()).toBe(true));
    await view.find('input[name="url"]').setValue('http://10.0.0.7/hook');
    await view.find('form[aria-label="New webhook"]').trigger('submit');
    await vi.waitFor(() => expect(view.find('form[aria-label="New webhook"] [role="alert"]').exists()).toBe(true));
    expect(view.find('form[aria-label="New webhook"] [role="alert"]').text()).toBe(
      'Url: 10.0.0.7 is not a public host; the operator can allow it in MUSTER_OUTGOING_ALLOWED_HOSTS',
    );
  });

  it('deletes a webhook only after the warning is confirmed', async () => {
    const { requests } = serve('admin');
    const { view } = await openService();
    await vi.waitFor(() => expect(view.findAll('.webhook')).toHaveLength(2));
    await view.find('button[aria-label="Delete webhook https://automation.example.com/muster"]').trigger('click');
    expect(view.text()).toContain('Events not yet sent to it are dropped, and its delivery log goes with it.');
    expect(webhookRequests(requests).filter((req) => req.method === 'DELETE')).toEqual([]);
    await button(view, 'Delete webhook').trigger('click');
    await vi.waitFor(() => expect(webhookRequests(requests).some((req) => req.method === 'DELETE')).toBe(true));
    expect(webhookRequests(requests).find((req) => req.method === 'DELETE')!.path).toBe('/api/v1/services/svc-1/webhooks/wh-2');
  });

  it('offers no form once the service has ten', async () => {
    serve('admin', [], Array.from({ length: 10 }, (_, i) => ({ ...automation, id: `wh-${i}` })));
    const { view } = await openService();
    await vi.waitFor(() => expect(view.findAll('.webhook')).toHaveLength(10));
    expect(view.find('form[aria-label="New webhook"]').exists()).toBe(false);
    expect(view.text()).toContain('A service has at most 10 webhooks: delete one to add another.');
  });
});
