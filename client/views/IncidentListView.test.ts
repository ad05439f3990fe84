import { flushPromises, type VueWrapper } from '@vue/test-utils';
import type { Router } from 'vue-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Incident } from '../../shared/api/incidents';
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

/** Answers like the server: filtered by status, severity and whom it paged, newest first. */
function listAnswer(all: Incident[], pagedMe: string[] = []): Handler {
  return (req) => {
    const statuses = req.query.get('status')?.split(',') ?? [];
    const severities = req.query.get('severity')?.split(',');
    const mine = req.query.get('pagedUser') === 'me';
    const items = all.filter(
      (i) => statuses.includes(i.status) && (!severities || severities.includes(i.severity)) && (!mine || pagedMe.includes(i.id)),
    );
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

  it('offers "New incident" to responders but not to viewers', async () => {
    serve();
    ({ wrapper } = await mountAppAt('/'));
    expect(wrapper.text()).toContain('New incident');
    wrapper.unmount();

    serve({ ...ada, role: 'viewer' });
    ({ wrapper } = await mountAppAt('/'));
    expect(wrapper.text()).not.toContain('New incident');
  });
});

const storm = [
  summary({ id: 's4', number: 14, title: 'Queue backlog', severity: 'SEV-3', status: 'triggered' }),
  summary({ id: 's3', number: 13, title: 'Search slow', severity: 'SEV-4', status: 'acknowledged' }),
  summary({ id: 's2', number: 12, title: 'Login errors', severity: 'SEV-2', status: 'triggered' }),
  summary({ id: 's1', number: 11, title: 'Payments down', severity: 'SEV-1', status: 'triggered' }),
];
const pagedMe = ['s4', 's3'];

const titles = () => wrapper!.findAll('.incident-card .title').map((node) => node.text());
const chip = (label: string) => wrapper!.findAll('.filter-chips button').find((node) => node.text() === label)!;
const button = (label: string) => wrapper!.findAll('button').find((node) => node.text() === label)!;
const listRequests = (requests: RecordedRequest[]) =>
  requests.filter((req) => req.method === 'GET' && req.path === '/api/v1/incidents').map((req) => Object.fromEntries(req.query));

function goOffline() {
  vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
  window.dispatchEvent(new Event('offline'));
}

describe('incident list filters', () => {
  it('asks the server for mine and SEV-1–2, and keeps the chosen filter in ?filter=', async () => {
    const { requests } = serve(ada, storm, pagedMe);
    let router: Router;
    ({ wrapper, router } = await mountAppAt('/'));
    await cardsShown(4);
    expect(chip('All open').attributes('aria-pressed')).toBe('true');

    await chip('Mine').trigger('click');
    await vi.waitFor(() => expect(titles()).toEqual(['Queue backlog', 'Search slow']));
    expect(router.currentRoute.value.query).toEqual({ filter: 'mine' });
    expect(chip('Mine').attributes('aria-pressed')).toBe('true');
    expect(listRequests(requests)).toContainEqual({ status: 'triggered,acknowledged', pagedUser: 'me', limit: '200' });

    await chip('SEV-1–2').trigger('click');
    await vi.waitFor(() => expect(titles()).toEqual(['Payments down', 'Login errors']));
    expect(router.currentRoute.value.query).toEqual({ filter: 'urgent' });
    expect(listRequests(requests)).toContainEqual({ status: 'triggered,acknowledged', severity: 'SEV-1,SEV-2', limit: '200' });
    expect(wrapper.find('#resolved-heading').exists()).toBe(false);

    // A reload opens the same address: the same filter.
    wrapper.unmount();
    ({ wrapper, router } = await mountAppAt('/?filter=urgent'));
    await vi.waitFor(() => expect(titles()).toEqual(['Payments down', 'Login errors']));
    expect(chip('SEV-1–2').attributes('aria-pressed')).toBe('true');
    expect(wrapper.find('h1').text()).toBe('SEV-1–2 2');

    await chip('All open').trigger('click');
    await cardsShown(4);
    expect(router.currentRoute.value.query).toEqual({});
  });

  it('filters the device copy by the same rules offline', async () => {
    serve(ada, storm, pagedMe);
    ({ wrapper } = await mountAppAt('/'));
    await cardsShown(4);
    wrapper.unmount();

    // Only the full list has been on this device: SEV-1–2 comes from it, "mine" cannot.
    goOffline();
    ({ wrapper } = await mountAppAt('/?filter=urgent'));
    await vi.waitFor(() => expect(titles()).toEqual(['Payments down', 'Login errors']));
    await chip('Mine').trigger('click');
    await vi.waitFor(() => expect(wrapper!.text()).toContain('Offline, and this filter has not been loaded on this device yet.'));
    expect(titles()).toEqual([]);
    wrapper.unmount();

    serve(ada, storm, pagedMe);
    ({ wrapper } = await mountAppAt('/?filter=mine'));
    await vi.waitFor(() => expect(titles()).toEqual(['Queue backlog', 'Search slow']));
    wrapper.unmount();

    goOffline();
    ({ wrapper } = await mountAppAt('/?filter=mine'));
    await vi.waitFor(() => expect(titles()).toEqual(['Queue backlog', 'Search slow']));
    await chip('SEV-1–2').trigger('click');
    await vi.waitFor(() => expect(titles()).toEqual(['Payments down', 'Login errors']));

    // Acknowledged offline: waiting in the outbox, still open, so still listed.
    await button('Select').trigger('click');
    await button('Select all 2 triggered').trigger('click');
    await button('Acknowledge 2').trigger('click');
    await vi.waitFor(() => expect(wrapper!.find('.offline-banner').text()).toContain('2 changes waiting'));
    expect(titles()).toEqual(['Payments down', 'Login errors']);
    expect(wrapper.findAll('.incident-card').map((card) => card.attributes('data-status'))).toEqual(['acknowledged', 'acknowledged']);
  });
});

describe('bulk acknowledge', () => {
  it('offers Select only with two or more triggered incidents listed', async () => {
    serve(ada, incidents);
    ({ wrapper } = await mountAppAt('/'));
    await cardsShown(3);
    expect(button('Select')).toBeUndefined();
  });

  it('queues one acknowledge per picked incident, in list order, shown at once', async () => {
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
    await cardsShown(4);

    await button('Select').trigger('click');
    expect(wrapper.findAll('.pick input')).toHaveLength(3);
    expect(button('Pick incidents to acknowledge').attributes('disabled')).toBeDefined();
    await button('Select all 3 triggered').trigger('click');
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
    await cardsShown(4);
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
