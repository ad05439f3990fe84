import type { VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PagePayload } from '../shared/api/push';
import { broadcastChannelName } from './offline/outbox';
import { errorResponse, jsonResponse, stubFetch } from './testing/fetch-stub';
import { ada } from './testing/fixtures';
import { mountAppAt } from './testing/mount-app';
import { resetOfflineDb } from './testing/offline-db';

let wrapper: VueWrapper | undefined;
beforeEach(resetOfflineDb);
afterEach(() => {
  wrapper?.unmount();
  wrapper = undefined;
  vi.unstubAllGlobals();
});

function serve(signedIn = true, user = ada) {
  return stubFetch({
    'GET /api/v1/me': () => (signedIn ? jsonResponse(200, { user }) : errorResponse(401, 'unauthorized', 'sign in first')),
    'GET /api/v1/setup': () => jsonResponse(200, { needed: false }),
    'GET /api/v1/incidents': () => jsonResponse(200, { items: [], nextCursor: null }),
  });
}

const page: PagePayload = {
  type: 'page',
  incidentId: 'inc-9',
  number: 9,
  title: 'Checkout returns 502',
  severity: 'SEV-2',
  service: 'Checkout API',
  drill: true,
  ackToken: 'token',
  url: '/incidents/inc-9',
};

describe('app frame', () => {
  it('has a tab bar for Incidents, On call, Team and Settings once signed in, marking where you are', async () => {
    serve();
    let router;
    ({ wrapper, router } = await mountAppAt('/'));
    const tabs = wrapper.findAll('.tab-bar .tab');
    expect(tabs.map((tab) => tab.text())).toEqual(['Incidents', 'On call', 'Team', 'Settings']);
    expect(tabs.map((tab) => tab.attributes('href'))).toEqual(['/', '/on-call', '/team', '/settings']);
    expect(wrapper.find('.tab-bar [aria-current="page"]').text()).toBe('Incidents');

    // An incident is still under the Incidents tab.
    await router.push('/incidents/inc-1');
    await vi.waitFor(() => expect(wrapper!.find('.tab-bar [aria-current="page"]').text()).toBe('Incidents'));
  });

  it('has no tab bar on the sign-in screen', async () => {
    serve(false);
    ({ wrapper } = await mountAppAt('/'));
    expect(wrapper.find('input[type="password"]').exists()).toBe(true);
    expect(wrapper.find('.tab-bar').exists()).toBe(false);
  });

  it('raises an alarm for a page the service worker announces, until it is acknowledged from the notification', async () => {
    serve();
    ({ wrapper } = await mountAppAt('/'));
    const worker = new BroadcastChannel(broadcastChannelName);
    try {
      worker.postMessage({ type: 'page', payload: page });
      await vi.waitFor(() => expect(wrapper!.find('.page-alarm').exists()).toBe(true));
      expect(wrapper.find('.page-alarm .headline').text()).toBe('DRILL · SEV-2 · Checkout API');
      // A drill's alarm wears the drill's colour, not a real page's red.
      expect(wrapper.find('.page-alarm').classes()).toContain('drill');
      expect(wrapper.find('.page-alarm a').attributes('href')).toBe('/incidents/inc-9');

      worker.postMessage({ type: 'page-acknowledged', incidentId: 'another' });
      worker.postMessage({ type: 'page-acknowledged', incidentId: 'inc-9' });
      await vi.waitFor(() => expect(wrapper!.find('.page-alarm').exists()).toBe(false));
    } finally {
      worker.close();
    }
  });

  it('acknowledges from the alarm banner: one command sent, and the alarm stops', async () => {
    const { requests, routes } = serve();
    routes['POST /api/v1/incidents/inc-9/acknowledge'] = () => jsonResponse(200, { id: 'inc-9', status: 'acknowledged' });
    ({ wrapper } = await mountAppAt('/'));
    const worker = new BroadcastChannel(broadcastChannelName);
    try {
      worker.postMessage({ type: 'page', payload: page });
      await vi.waitFor(() => expect(wrapper!.find('.page-alarm').exists()).toBe(true));
      expect(wrapper.findAll('.page-alarm .btn').map((button) => button.text())).toEqual(['Acknowledge', 'Open incident', 'Silence']);
      await wrapper.find('.page-alarm .acknowledge').trigger('click');
      await vi.waitFor(() => expect(wrapper!.find('.page-alarm').exists()).toBe(false));
      await vi.waitFor(() => expect(requests.filter((req) => req.method === 'POST').map((req) => req.path)).toEqual(['/api/v1/incidents/inc-9/acknowledge']));
      expect(requests.find((req) => req.method === 'POST')!.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      worker.close();
    }
  });

  it('offers a viewer no Acknowledge on the alarm', async () => {
    serve(true, { ...ada, role: 'viewer' });
    ({ wrapper } = await mountAppAt('/'));
    const worker = new BroadcastChannel(broadcastChannelName);
    try {
      worker.postMessage({ type: 'page', payload: page });
      await vi.waitFor(() => expect(wrapper!.find('.page-alarm').exists()).toBe(true));
      expect(wrapper.findAll('.page-alarm .btn').map((button) => button.text())).toEqual(['Open incident', 'Silence']);
    } finally {
      worker.close();
    }
  });
});
