import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EscalationStatus, IncidentDetail } from '../../shared/api/incidents';
import { offlineDb } from '../offline/db';
import { ada, alertFixture, changeFixture, incidentDetail, timelineEvent } from '../testing/fixtures';
import { errorResponse, jsonResponse, stubFetch } from '../testing/fetch-stub';
import { mountAppAt } from '../testing/mount-app';
import { resetOfflineDb } from '../testing/offline-db';

let wrapper: VueWrapper | undefined;
beforeEach(resetOfflineDb);
afterEach(() => {
  wrapper?.unmount();
  vi.unstubAllGlobals();
});

function serve(incident: IncidentDetail, user = ada) {
  return stubFetch({
    'GET /api/v1/me': () => jsonResponse(200, { user }),
    [`GET /api/v1/incidents/${incident.id}`]: () => jsonResponse(200, incident),
  });
}

async function open(incident: IncidentDetail) {
  ({ wrapper } = await mountAppAt(`/incidents/${incident.id}`));
  // The cached copy is looked up in IndexedDB first, which answers in later tasks.
  await vi.waitFor(() => expect(wrapper!.find('h1').exists()).toBe(true));
  return wrapper;
}

const buttonLabels = (view: VueWrapper) => view.findAll('button').map((button) => button.text());

describe('incident detail', () => {
  it('offers Acknowledge and Resolve while triggered', async () => {
    serve(incidentDetail({ status: 'triggered' }));
    const view = await open(incidentDetail());
    expect(view.find('h1').text()).toBe('Checkout returns 502');
    expect(buttonLabels(view)).toEqual(expect.arrayContaining(['Acknowledge', 'Resolve']));
  });

  it('puts the DRILL banner first on a drill incident, linking to its drill; none on a real one', async () => {
    serve(incidentDetail({ drill: true, drillId: 'drill-7' }));
    let view = await open(incidentDetail());
    const banner = view.find('[data-test="drill-banner"]');
    expect(banner.text()).toContain('DRILL — game-day exercise, not a real incident');
    expect(banner.find('a').attributes('href')).toBe('/drills/drill-7');
    // Above the title, so it is the first thing a paged responder reads.
    expect(view.html().indexOf('drill-banner')).toBeLessThan(view.html().indexOf('<h1'));
    view.unmount();

    serve(incidentDetail());
    view = await open(incidentDetail());
    // The device's copy (a drill) shows first, then the server's.
    await vi.waitFor(() => expect(view.find('[data-test="drill-banner"]').exists()).toBe(false));
  });

  it('offers only Resolve once acknowledged, and nothing once resolved', async () => {
    serve(incidentDetail({ status: 'acknowledged' }));
    let view = await open(incidentDetail());
    expect(buttonLabels(view)).not.toContain('Acknowledge');
    expect(buttonLabels(view)).toContain('Resolve');
    view.unmount();

    serve(incidentDetail({ status: 'resolved' }));
    view = await open(incidentDetail());
    // The device's copy (acknowledged) shows first, then the server's.
    await vi.waitFor(() => expect(buttonLabels(view)).not.toContain('Resolve'));
    expect(buttonLabels(view)).not.toContain('Acknowledge');
  });

  it('shows viewers the incident without any action', async () => {
    serve(incidentDetail(), { ...ada, role: 'viewer' });
    const view = await open(incidentDetail());
    expect(view.text()).toContain('Checkout returns 502');
    // Stakeholders may follow its status updates; nothing else.
    expect(buttonLabels(view)).toEqual(['Follow updates']);
    expect(view.find('textarea').exists()).toBe(false);
  });

  it('acknowledges with one POST and shows the new timeline entry', async () => {
    let incident = incidentDetail();
    const { requests, routes } = serve(incident);
    routes[`GET /api/v1/incidents/${incident.id}`] = () => jsonResponse(200, incident);
    routes[`POST /api/v1/incidents/${incident.id}/acknowledge`] = () => {
      incident = { ...incident, status: 'acknowledged', timeline: [...incident.timeline, timelineEvent('acknowledged', { from: 'triggered' })] };
      return jsonResponse(200, incident);
    };
    const view = await open(incident);

    await view.findAll('button').find((button) => button.text() === 'Acknowledge')!.trigger('click');
    await vi.waitFor(() => expect(requests.filter((req) => req.method === 'POST')).toHaveLength(1));
    await vi.waitFor(() => expect(view.find('.not-sent').exists()).toBe(false));

    const posts = requests.filter((req) => req.method === 'POST');
    expect(posts.map((req) => req.path)).toEqual([`/api/v1/incidents/${incident.id}/acknowledge`]);
    expect(posts[0].headers.get('Idempotency-Key')).toBeTruthy();
    expect(view.findAll('.timeline li').map((li) => li.find('.headline').text())).toEqual([
      'Ada Lovelace triggered the incident as SEV-2',
      'Ada Lovelace acknowledged',
    ]);
    expect(buttonLabels(view)).not.toContain('Acknowledge');
    expect(view.find('.not-sent').exists()).toBe(false);
  });

  it('rolls back a command the server refuses with 409 and shows why and what changed', async () => {
    const incident = incidentDetail({ status: 'acknowledged' });
    const { routes } = serve(incident);
    const view = await open(incident);
    // Someone else resolved it meanwhile: the server refuses and now reports it resolved.
    routes[`POST /api/v1/incidents/${incident.id}/resolve`] = () =>
      errorResponse(409, 'conflict', 'cannot resolve incident #7: the incident is already resolved');
    routes[`GET /api/v1/incidents/${incident.id}`] = () => jsonResponse(200, { ...incident, status: 'resolved' });

    // Resolve waits 5 s for an Undo before it queues anything.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    await view.findAll('button').find((button) => button.text() === 'Resolve')!.trigger('click');
    vi.advanceTimersByTime(5000);
    vi.useRealTimers();
    await vi.waitFor(() => expect(view.find('[role="alert"]').exists()).toBe(true));

    const alert = view.find('[role="alert"]');
    expect(alert.find('.headline').text()).toBe('Your resolution was not applied');
    expect(alert.find('.reason').text()).toBe('Cannot resolve incident #7: the incident is already resolved');
    expect(view.find('.status-badge').text()).toBe('Resolved');
    expect(view.findAll('.timeline .headline').map((node) => node.text())).not.toContain('Ada Lovelace resolved');
    expect(buttonLabels(view)).not.toContain('Resolve');

    await alert.find('button').trigger('click');
    await vi.waitFor(() => expect(view.find('[role="alert"]').exists()).toBe(false));
  });

  it('changes severity through PATCH and adds notes to the timeline', async () => {
    let incident = incidentDetail({ severity: 'SEV-3' });
    const { requests, routes } = serve(incident);
    routes[`GET /api/v1/incidents/${incident.id}`] = () => jsonResponse(200, incident);
    routes[`PATCH /api/v1/incidents/${incident.id}`] = () => {
      incident = {
        ...incident,
        severity: 'SEV-1',
        timeline: [...incident.timeline, timelineEvent('severity_changed', { from: 'SEV-3', to: 'SEV-1' })],
      };
      return jsonResponse(200, incident);
    };
    routes[`POST /api/v1/incidents/${incident.id}/notes`] = (req) => {
      const event = timelineEvent('note', req.body as Record<string, unknown>);
      incident = { ...incident, timeline: [...incident.timeline, event] };
      return jsonResponse(201, event);
    };
    const view = await open(incident);

    await view.find('select[name="severity"]').setValue('SEV-1');
    await flushPromises();
    await view.find('textarea[name="note"]').setValue('Rolled back deploy 142');
    await view.find('form.note-form').trigger('submit');
    await vi.waitFor(() => expect(requests.filter((req) => req.method !== 'GET')).toHaveLength(2));
    await vi.waitFor(() => expect(view.find('.not-sent').exists()).toBe(false));

    expect(requests.find((req) => req.method === 'PATCH')?.body).toEqual({ severity: 'SEV-1' });
    const headlines = view.findAll('.timeline .headline').map((node) => node.text());
    expect(headlines.slice(1)).toEqual(['Ada Lovelace changed severity SEV-3 → SEV-1', 'Ada Lovelace added a note']);
    expect(view.find('.timeline .body').text()).toBe('Rolled back deploy 142');
    expect((view.find('textarea[name="note"]').element as HTMLTextAreaElement).value).toBe('');
  });

  it('puts the severity back when the server refuses the change', async () => {
    const incident = incidentDetail({ severity: 'SEV-3' });
    const { routes } = serve(incident);
    routes[`PATCH /api/v1/incidents/${incident.id}`] = () =>
      errorResponse(403, 'forbidden', 'only responders and admins may do this');
    const view = await open(incident);

    await view.find('select[name="severity"]').setValue('SEV-1');
    await vi.waitFor(() => expect(view.find('[role="alert"]').exists()).toBe(true));

    expect(view.find('[role="alert"] .reason').text()).toBe('Only responders and admins may do this');
    expect((view.find('select[name="severity"]').element as HTMLSelectElement).value).toBe('SEV-3');
  });
});

describe('paging block and escalation', () => {
  const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
  const escalation = (overrides: Partial<EscalationStatus> = {}): EscalationStatus => ({
    policyId: 'p-1',
    policyName: 'Checkout primary',
    step: 2,
    of: 3,
    loop: 0,
    state: 'active',
    nextStepAt: inMinutes(4),
    paged: [
      { id: 'u-ada', name: 'Ada', reachable: true, why: null, channels: [{ channel: 'push', state: 'delivered', at: new Date().toISOString(), error: null }] },
      { id: 'u-bob', name: 'Bob', reachable: false, why: 'no device, no contact method', channels: [{ channel: 'push', state: 'unreachable', at: null, error: 'no device' }] },
    ],
    ...overrides,
  });
  const paging = (view: VueWrapper) => view.find('[aria-label="Paging"]');

  it('says who is paged at which step and when the next step comes', async () => {
    const incident = incidentDetail({ escalation: escalation() });
    serve(incident);
    const view = await open(incident);
    expect(paging(view).text()).toContain('Paging · Checkout primary');
    expect(paging(view).find('.line').text()).toMatch(/^Step 2 of 3 · paging Ada, Bob · next step in [45] min$/);
    const people = paging(view).findAll('[data-testid="paged-person"]');
    expect(people.map((person) => person.text())).toEqual([
      expect.stringMatching(/^Ada — push delivered \d\d:\d\d/),
      'Bob — no device, no contact method: cannot be reached',
    ]);
    expect(people.map((person) => person.classes('unreachable'))).toEqual([false, true]);
  });

  it('says when escalation ran out, and nothing without a policy or once stopped', async () => {
    serve(incidentDetail({ escalation: escalation({ state: 'exhausted', nextStepAt: null }) }));
    let view = await open(incidentDetail());
    expect(paging(view).find('.line').text()).toBe('Escalation exhausted — nobody acknowledged');
    expect(buttonLabels(view)).not.toContain('Escalate');
    view.unmount();

    for (const quiet of [null, escalation({ state: 'stopped' })]) {
      await resetOfflineDb();
      serve(incidentDetail({ escalation: quiet }));
      view = await open(incidentDetail());
      expect(paging(view).exists()).toBe(false);
      expect(buttonLabels(view)).not.toContain('Escalate');
      view.unmount();
    }
  });

  it('escalates only on a second tap, through the outbox with its own key', async () => {
    let incident = incidentDetail({ escalation: escalation() });
    const { requests, routes } = serve(incident);
    routes[`GET /api/v1/incidents/${incident.id}`] = () => jsonResponse(200, incident);
    routes[`POST /api/v1/incidents/${incident.id}/escalate`] = () => {
      incident = { ...incident, escalation: escalation({ step: 3, paged: [{ id: 'u-cy', name: 'Cy', reachable: true, why: null, channels: [] }] }) };
      return jsonResponse(200, incident);
    };
    const view = await open(incident);
    const posts = () => requests.filter((req) => req.method === 'POST');

    await view.findAll('button').find((button) => button.text() === 'Escalate')!.trigger('click');
    await flushPromises();
    expect(posts()).toHaveLength(0);
    expect(buttonLabels(view)).toContain('Tap again to escalate now');

    await view.findAll('button').find((button) => button.text() === 'Tap again to escalate now')!.trigger('click');
    await vi.waitFor(() => expect(paging(view).find('.line').text()).toMatch(/^Step 3 of 3 · paging Cy/));
    expect(posts().map((req) => req.path)).toEqual([`/api/v1/incidents/${incident.id}/escalate`]);
    expect(posts()[0].headers.get('Idempotency-Key')).toBeTruthy();
    expect(view.find('.status-badge').text()).toBe('Triggered');
    expect(buttonLabels(view)).toContain('Escalate');
  });

  it('disarms the first tap after a few seconds', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const incident = incidentDetail({ escalation: escalation() });
      const { requests } = serve(incident);
      const view = await open(incident);
      await view.findAll('button').find((button) => button.text() === 'Escalate')!.trigger('click');
      expect(buttonLabels(view)).toContain('Tap again to escalate now');
      await vi.advanceTimersByTimeAsync(5_000);
      expect(buttonLabels(view)).toContain('Escalate');
      expect(requests.filter((req) => req.method === 'POST')).toHaveLength(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('shows an escalation waiting offline as not sent yet, and nothing else changed', async () => {
    const incident = incidentDetail({ escalation: escalation() });
    serve(incident);
    const view = await open(incident);
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    window.dispatchEvent(new Event('offline'));

    await view.findAll('button').find((button) => button.text() === 'Escalate')!.trigger('click');
    await view.findAll('button').find((button) => button.text() === 'Tap again to escalate now')!.trigger('click');
    await vi.waitFor(() => expect(view.find('.not-sent').text()).toBe('Not sent yet: escalate'));
    expect(buttonLabels(view)).toContain('Escalation waiting to send');
    expect(view.find('.status-badge').text()).toBe('Triggered');
    expect(paging(view).find('.line').text()).toMatch(/^Step 2 of 3/);
  });
});

describe('alerts and recent changes', () => {
  const headings = (view: VueWrapper) => view.findAll('h2').map((h2) => h2.text()).filter((text) => /^(Recent changes|Alerts|Timeline)/.test(text));

  it('shows recent changes, then the alerts, above the timeline, and links the service', async () => {
    const startedAt = new Date(Date.now() - 5 * 60_000).toISOString();
    const incident = incidentDetail({
      origin: 'integration',
      startedAt,
      alerts: [alertFixture({ links: [{ href: 'https://grafana.example.com/d/checkout', text: 'Dashboard' }] })],
      recentChanges: [
        changeFixture({
          at: new Date(Date.parse(startedAt) - 12 * 60_000).toISOString(),
          links: [{ href: 'https://github.com/acme/checkout/pull/812', text: 'PR #812' }],
        }),
      ],
      timeline: [
        { ...timelineEvent('triggered', { severity: 'SEV-2' }), actor: { type: 'integration', id: null, name: 'Events API' } },
        { ...timelineEvent('alert_added', { summary: 'Refund queue backlog', dedupKey: 'k2' }), actor: { type: 'integration', id: null, name: 'Alertmanager' } },
      ],
    });
    serve(incident);
    const view = await open(incident);

    expect(headings(view)).toEqual(['Recent changes (1)', 'Alerts (1)', 'Timeline']);
    expect(view.find('.change').text()).toContain('Deployed checkout 2026.03.02-1');
    expect(view.find('.change').text()).toContain('12 min before the incident started');
    expect(view.find('.change a').attributes('href')).toBe('https://github.com/acme/checkout/pull/812');
    expect(view.find('.alert-card a').attributes('href')).toBe('https://grafana.example.com/d/checkout');
    expect(view.find('.service-link').attributes('href')).toBe('/services/svc-1');
    expect(view.findAll('.timeline .headline').map((node) => node.text())).toEqual([
      'Events API triggered the incident as SEV-2',
      'Alertmanager added alert “Refund queue backlog”',
    ]);
    expect(view.find('.timeline .when').text()).toMatch(/· sent by a monitoring tool$/);
  });

  it('shows neither section for an incident a person opened', async () => {
    serve(incidentDetail());
    const view = await open(incidentDetail());
    expect(headings(view)).toEqual(['Timeline']);
  });

  it('says a storm incident folded alerts together and lists the first ten', async () => {
    const incident = incidentDetail({
      origin: 'storm',
      alerts: Array.from({ length: 25 }, (_, i) => alertFixture({ summary: `Alert ${i + 1}` })),
    });
    serve(incident);
    const view = await open(incident);
    expect(headings(view)).toEqual(['Alerts (25)', 'Timeline']);
    expect(view.text()).toContain('Alert storm');
    expect(view.findAll('.alert-card')).toHaveLength(10);
    expect(buttonLabels(view)).toContain('Show all 25 alerts');
  });

  it('opens offline an incident cached by an older version, before alerts existed', async () => {
    const old: Record<string, unknown> = { ...incidentDetail() };
    for (const added of ['alerts', 'recentChanges', 'origin', 'startedAt', 'detectedAt']) delete old[added];
    await (await offlineDb()).put('incidents', old as unknown as IncidentDetail);
    stubFetch({
      'GET /api/v1/me': () => jsonResponse(200, { user: ada }),
      'GET /api/v1/incidents/inc-7': () => Promise.reject(new TypeError('Failed to fetch')),
    });

    const view = await open(incidentDetail());
    expect(view.find('h1').text()).toBe('Checkout returns 502');
    expect(headings(view)).toEqual(['Timeline']);
    expect(view.find('[role="alert"]').exists()).toBe(false);
  });
});
