import { flushPromises, type VueWrapper } from '@vue/test-utils';
import type { Router } from 'vue-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Incident } from '../../shared/api/incidents';
import { triageOrder } from '../../shared/domain/triage';
import { ada, incidentDetail } from '../testing/fixtures';
import { jsonResponse, stubFetch, type Handler, type RecordedRequest } from '../testing/fetch-stub';
import { mountAppAt } from '../testing/mount-app';
import { resetOfflineDb } from '../testing/offline-db';

let wrapper: VueWrapper | undefined;
beforeEach(resetOfflineDb);
afterEach(() => {
  wrapper?.unmount();
  vi.unstubAllGlobals();
});

function summary(overrides: Partial<Incident>): Incident {
  const { timeline: _timeline, ...incident } = incidentDetail(overrides);
  return incident;
}

const incidents = [
  summary({ id: 'a', number: 3, title: 'Disk almost full', severity: 'SEV-4', status: 'acknowledged' }),
  summary({ id: 'b', number: 2, title: 'Payments down', severity: 'SEV-1', status: 'triggered' }),
  summary({ id: 'c', number: 1, title: 'Old outage', severity: 'SEV-1', status: 'resolved' }),
];

/** Answers like the server: filtered by status, severity, service, "mine" and search; newest first or triage order. */
function listAnswer(all: Incident[], mine: string[] = []): Handler {
  return (req) => {
    const statuses = req.query.get('status')?.split(',') ?? [];
    const severities = req.query.get('severity')?.split(',');
    const serviceId = req.query.get('serviceId');
    const q = req.query.get('q')?.toLowerCase();
    const onlyMine = req.query.get('involvedUser') === 'me';
    const items = all.filter(
      (i) =>
        statuses.includes(i.status) &&
        (!severities || severities.includes(i.severity)) &&
        (!serviceId || i.serviceId === serviceId) &&
        (!q || i.title.toLowerCase().includes(q) || i.description?.toLowerCase().includes(q)) &&
        (!onlyMine || mine.includes(i.id)),
    );
    if (req.query.get('sort') === 'triage') items.sort(triageOrder);
    return jsonResponse(200, { items, nextCursor: null });
  };
}

function serve(user = ada, all = incidents, pagedMe: string[] = []) {
  return stubFetch({
    'GET /api/v1/me': () => jsonResponse(200, { user }),
    'GET /api/v1/incidents': listAnswer(all, pagedMe),
  });
}

// The cached list is read from IndexedDB first, which answers in later tasks.
const cardsShown = (count: number) => vi.waitFor(() => expect(wrapper!.findAll('.incident-card')).toHaveLength(count));

describe('incident list', () => {
  it('shows open incidents, most severe first, before resolved ones', async () => {
    serve();
    ({ wrapper } = await mountAppAt('/'));
    await cardsShown(3);
    const titles = wrapper.findAll('.incident-card .title').map((node) => node.text());
    expect(titles).toEqual(['Payments down', 'Disk almost full', 'Old outage']);
    const first = wrapper.find('.incident-card');
    expect(first.find('.severity-chip').text()).toBe('SEV-1');
    expect(first.text()).toContain('Triggered');
    expect(first.text()).toContain('Checkout API');
    expect(first.text()).toContain('5 minutes ago');
  });

  it('links each card to its incident', async () => {
    serve();
    ({ wrapper } = await mountAppAt('/'));
    await cardsShown(3);
    expect(wrapper.find('.incident-card').attributes('href')).toBe('/incidents/b');
  });

  const newIncident = () => wrapper!.findAll('button').find((node) => node.attributes('aria-label') === '+ New incident');

  it('offers "New incident" to responders but not to viewers', async () => {
    serve();
    ({ wrapper } = await mountAppAt('/'));
    await vi.waitFor(() => expect(newIncident()).toBeDefined());
    wrapper.unmount();

    serve({ ...ada, role: 'viewer' });
    ({ wrapper } = await mountAppAt('/'));
    await cardsShown(3);
    expect(newIncident()).toBeUndefined();
  });
});

const storm = [
  summary({ id: 's4', number: 14, title: 'Queue backlog', severity: 'SEV-3', status: 'triggered', serviceId: 'svc-q', serviceName: 'Queue' }),
  summary({ id: 's3', number: 13, title: 'Search slow', severity: 'SEV-4', status: 'acknowledged', acknowledgedBy: { id: 'u-bob', name: 'Bob' } }),
  summary({ id: 's2', number: 12, title: 'Login errors', severity: 'SEV-2', status: 'triggered', pagingNow: ['Ada Lovelace', 'Bob'] }),
  summary({ id: 's1', number: 11, title: 'Payments down', severity: 'SEV-1', status: 'triggered', description: 'host web-7 502s' }),
  summary({ id: 's0', number: 10, title: 'Old cache outage', severity: 'SEV-1', status: 'resolved' }),
];
const mine = ['s4', 's3'];

const titles = () => wrapper!.findAll('.incident-card .title').map((node) => node.text());
const chip = (label: string) => wrapper!.findAll('.filters .chip').find((node) => node.text() === label)!;
const button = (label: string) => wrapper!.findAll('button').find((node) => node.text() === label)!;
const listRequests = (requests: RecordedRequest[]) =>
  requests.filter((req) => req.method === 'GET' && req.path === '/api/v1/incidents').map((req) => Object.fromEntries(req.query));

function goOffline() {
  vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
  window.dispatchEvent(new Event('offline'));
}

describe('compact cards', () => {
  it('say who acknowledged, or whom paging wakes now', async () => {
    serve(ada, storm);
    ({ wrapper } = await mountAppAt('/'));
    await cardsShown(5);
    const who = wrapper.findAll('.incident-card').map((card) => card.find('.who').exists() ? card.find('.who').text() : null);
    // Payments down has no pagingNow (e.g. cached before the field existed): it says nothing rather than guess.
    expect(titles().slice(0, 4)).toEqual(['Payments down', 'Login errors', 'Queue backlog', 'Search slow']);
    expect(who.slice(0, 4)).toEqual([null, 'Paging Ada Lovelace, Bob', null, 'Ack’d by Bob']);
  });
});

describe('incident list filters', () => {
  it('keeps status, severity, service, "mine" and the search in the address, asks the server in triage order', async () => {
    const { requests } = serve(ada, storm, mine);
    let router: Router;
    ({ wrapper, router } = await mountAppAt('/'));
    await cardsShown(5);
    expect(listRequests(requests)).toContainEqual({ status: 'triggered,acknowledged', sort: 'triage', limit: '200' });

    await chip('Mine').trigger('click');
    await vi.waitFor(() => expect(titles()).toEqual(['Queue backlog', 'Search slow']));
    expect(router.currentRoute.value.query).toEqual({ mine: '1' });
    expect(chip('Mine').attributes('aria-pressed')).toBe('true');
    expect(listRequests(requests)).toContainEqual({ status: 'triggered,acknowledged', involvedUser: 'me', sort: 'triage', limit: '200' });
    await chip('Mine').trigger('click');
    await vi.waitFor(() => expect(router.currentRoute.value.query).toEqual({}));

    await chip('Filters').trigger('click');
    await chip('SEV-1').trigger('click');
    await vi.waitFor(() => expect(router.currentRoute.value.query).toEqual({ severity: 'SEV-1' }));
    await chip('Resolved').trigger('click');
    await vi.waitFor(() => expect(titles()).toEqual(['Old cache outage']));
    await chip('Triggered').trigger('click');
    await vi.waitFor(() => expect(titles()).toEqual(['Payments down', 'Old cache outage']));
    expect(router.currentRoute.value.query).toEqual({ status: 'triggered,resolved', severity: 'SEV-1' });
    expect(chip('Filters (3)').exists()).toBe(true);
    expect(wrapper.find('#resolved-heading').exists()).toBe(false);

    // The search matches what the server matched (here a description stands in for alert details).
    await wrapper.find('input[type="search"]').setValue('WEB-7');
    await wrapper.find('form[role="search"]').trigger('submit');
    await vi.waitFor(() => expect(router.currentRoute.value.query).toEqual({ status: 'triggered,resolved', severity: 'SEV-1', q: 'WEB-7' }));
    await vi.waitFor(() => expect(titles()).toEqual(['Payments down']));
    expect(listRequests(requests)).toContainEqual({ status: 'triggered,resolved', severity: 'SEV-1', q: 'WEB-7', sort: 'triage', limit: '200' });

    // Back undoes one choice at a time.
    router.back();
    await vi.waitFor(() => expect(router.currentRoute.value.query).toEqual({ status: 'triggered,resolved', severity: 'SEV-1' }));
    await vi.waitFor(() => expect(titles()).toEqual(['Payments down', 'Old cache outage']));
    await vi.waitFor(() => expect((wrapper!.find('input[type="search"]').element as HTMLInputElement).value).toBe(''));

    // A reload opens the same address: the same filter.
    wrapper.unmount();
    ({ wrapper, router } = await mountAppAt(`/?service=svc-q`));
    await vi.waitFor(() => expect(titles()).toEqual(['Queue backlog']));
    expect(wrapper.find('h1').text()).toBe('Found 1');
    await chip('Filters (1)').trigger('click');
    expect((wrapper.find('.service select').element as HTMLSelectElement).value).toBe('svc-q');
    await button('Clear filters').trigger('click');
    await cardsShown(5);
    expect(router.currentRoute.value.query).toEqual({});
  });

  it('marks a drill incident DRILL on its card, and keeps the drills chip in the address', async () => {
    serve(ada, [...storm.slice(0, 2), summary({ id: 'd1', number: 15, title: 'Checkout failing', severity: 'SEV-1', status: 'triggered', drill: true, drillId: 'drill-1' })]);
    let router: Router;
    ({ wrapper, router } = await mountAppAt('/'));
    await cardsShown(3);
    const drillCard = wrapper.findAll('.incident-card').find((card) => card.text().includes('Checkout failing'))!;
    expect(drillCard.attributes('data-drill')).toBe('true');
    expect(drillCard.find('.drill-badge').text()).toBe('DRILL');
    expect(wrapper.findAll('.incident-card[data-drill]')).toHaveLength(1);

    await chip('Filters').trigger('click');
    expect(chip('Show').attributes('aria-pressed')).toBe('true');
    await chip('Only').trigger('click');
    await vi.waitFor(() => expect(router.currentRoute.value.query).toEqual({ drills: 'only' }));
    expect(chip('Only').attributes('aria-pressed')).toBe('true');
    expect(chip('Filters (1)').exists()).toBe(true);
    await chip('Hide').trigger('click');
    await vi.waitFor(() => expect(router.currentRoute.value.query).toEqual({ drills: 'exclude' }));
    await button('Clear filters').trigger('click');
    await vi.waitFor(() => expect(router.currentRoute.value.query).toEqual({}));
  });

  it('filters the device copy by the same rules offline', async () => {
    serve(ada, storm, mine);
    ({ wrapper } = await mountAppAt('/'));
    await cardsShown(5);
    wrapper.unmount();

    // Only the full list has been on this device: severity and title search come from it, "mine" cannot.
    goOffline();
    ({ wrapper } = await mountAppAt('/?severity=SEV-1,SEV-2'));
    await vi.waitFor(() => expect(titles()).toEqual(['Payments down', 'Login errors']));
    wrapper.unmount();
    ({ wrapper } = await mountAppAt('/?q=LOGIN'));
    await vi.waitFor(() => expect(titles()).toEqual(['Login errors']));
    await chip('Mine').trigger('click');
    await vi.waitFor(() => expect(wrapper!.text()).toContain('Offline, and this filter has not been loaded on this device yet.'));
    expect(titles()).toEqual([]);
    wrapper.unmount();

    serve(ada, storm, mine);
    ({ wrapper } = await mountAppAt('/?mine=1'));
    await vi.waitFor(() => expect(titles()).toEqual(['Queue backlog', 'Search slow']));
    wrapper.unmount();

    goOffline();
    ({ wrapper } = await mountAppAt('/?mine=1'));
    await vi.waitFor(() => expect(titles()).toEqual(['Queue backlog', 'Search slow']));

    // Re-rated offline: waiting in the outbox, shown at once, and the list re-sorts by the new severity.
    await button('Select').trigger('click');
    await button('Select all 2 open').trigger('click');
    await wrapper.find('#bulk-severity').setValue('SEV-1');
    await button('Set severity of 2').trigger('click');
    await vi.waitFor(() => expect(wrapper!.find('.offline-banner').text()).toContain('2 changes waiting'));
    expect(wrapper.findAll('.incident-card .severity-chip').map((node) => node.text())).toEqual(['SEV-1', 'SEV-1']);
    expect(titles()).toEqual(['Queue backlog', 'Search slow']);
  });
});

describe('bulk actions', () => {
  it('offers Select only with two or more open incidents listed', async () => {
    serve(ada, incidents.filter((incident) => incident.id !== 'a'));
    ({ wrapper } = await mountAppAt('/'));
    await cardsShown(2);
    expect(button('Select')).toBeUndefined();
  });

  it('queues one acknowledge per picked triggered incident, in list order, shown at once', async () => {
    let all = storm;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const { requests, routes } = serve(ada, storm);
    routes['GET /api/v1/incidents'] = (req) => listAnswer(all)(req);
    for (const incident of storm) {
      routes[`POST /api/v1/incidents/${incident.id}/acknowledge`] = async () => {
        await held;
        all = all.map((i) => (i.id === incident.id ? { ...i, status: 'acknowledged' } : i));
        return jsonResponse(200, incidentDetail({ ...all.find((i) => i.id === incident.id) }));
      };
    }
    ({ wrapper } = await mountAppAt('/'));
    await cardsShown(5);

    await button('Select').trigger('click');
    expect(wrapper.findAll('.pick input')).toHaveLength(4);
    expect(wrapper.text()).toContain('Pick incidents to act on');
    await button('Select all 4 open').trigger('click');
    await button('Acknowledge 3').trigger('click');

    // Optimistic: all three read acknowledged while the first is still on its way.
    await vi.waitFor(() => expect(wrapper!.findAll('.incident-card[data-status="triggered"]')).toHaveLength(0));
    expect(wrapper.findAll('.pick').length).toBe(0);
    release();

    const acks = () => requests.filter((req) => req.method === 'POST');
    await vi.waitFor(() => expect(acks()).toHaveLength(3));
    expect(acks().map((req) => req.path)).toEqual([
      '/api/v1/incidents/s1/acknowledge',
      '/api/v1/incidents/s2/acknowledge',
      '/api/v1/incidents/s4/acknowledge',
    ]);
    expect(new Set(acks().map((req) => req.headers.get('Idempotency-Key'))).size).toBe(3);
    await vi.waitFor(() => expect(all.filter((i) => i.status === 'triggered')).toHaveLength(0));
  });

  it('acknowledges only the picked ones', async () => {
    const { requests } = serve(ada, storm);
    ({ wrapper } = await mountAppAt('/'));
    await cardsShown(5);
    await button('Select').trigger('click');
    const boxes = wrapper.findAll<HTMLInputElement>('.pick input');
    await boxes[0].setValue(true);
    await boxes[2].setValue(true);
    await button('Acknowledge 2').trigger('click');
    await vi.waitFor(() => expect(requests.filter((req) => req.method === 'POST')).toHaveLength(2));
    expect(requests.filter((req) => req.method === 'POST').map((req) => req.path)).toEqual([
      '/api/v1/incidents/s1/acknowledge',
      '/api/v1/incidents/s4/acknowledge',
    ]);
  });

  it('sets the severity of the picked ones with one PATCH each, skipping those already at it', async () => {
    const { requests, routes } = serve(ada, storm);
    for (const incident of storm) {
      routes[`PATCH /api/v1/incidents/${incident.id}`] = () => jsonResponse(200, incidentDetail({ ...incident, severity: 'SEV-2' }));
    }
    ({ wrapper } = await mountAppAt('/'));
    await cardsShown(5);
    await button('Select').trigger('click');
    await button('Select all 4 open').trigger('click');
    await wrapper.find('#bulk-severity').setValue('SEV-2');
    await button('Set severity of 4').trigger('click');
    const patches = () => requests.filter((req) => req.method === 'PATCH');
    await vi.waitFor(() => expect(patches()).toHaveLength(3));
    expect(patches().map((req) => [req.path, req.body])).toEqual([
      ['/api/v1/incidents/s1', { severity: 'SEV-2' }],
      ['/api/v1/incidents/s4', { severity: 'SEV-2' }],
      ['/api/v1/incidents/s3', { severity: 'SEV-2' }],
    ]);
    expect(new Set(patches().map((req) => req.headers.get('Idempotency-Key'))).size).toBe(3);
  });
});

describe('refreshing the list', () => {
  const touch = (type: string, clientY?: number) =>
    window.dispatchEvent(Object.assign(new Event(type), { touches: clientY === undefined ? [] : [{ clientY }] }));
  const listCalls = (requests: RecordedRequest[]) => requests.filter((req) => req.path === '/api/v1/incidents').length;

  it('refetches on a pull past the threshold from the top, and from the Refresh button', async () => {
    const { requests } = serve();
    ({ wrapper } = await mountAppAt('/'));
    await cardsShown(3);
    const before = listCalls(requests);

    // A short pull springs back without refreshing.
    touch('touchstart', 100);
    touch('touchmove', 180);
    await flushPromises();
    expect(wrapper.find('.pull').text()).toBe('Pull to refresh');
    touch('touchend');
    await flushPromises();
    expect(listCalls(requests)).toBe(before);

    touch('touchstart', 100);
    touch('touchmove', 260);
    await flushPromises();
    expect(wrapper.find('.pull').text()).toBe('Release to refresh');
    touch('touchend');
    await vi.waitFor(() => expect(listCalls(requests)).toBe(before + 2));
    await vi.waitFor(() => expect(button('Refresh')).toBeDefined());

    await button('Refresh').trigger('click');
    await vi.waitFor(() => expect(listCalls(requests)).toBe(before + 4));
  });
});
