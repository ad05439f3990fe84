import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { User } from '../../../shared/api/accounts';
import type { SetupProgress } from '../../../shared/api/setup-progress';
import { fakePushBrowser, removeFakePush, vapidKey } from '../../testing/fake-push';
import { jsonResponse, stubFetch } from '../../testing/fetch-stub';
import { ada, incidentDetail } from '../../testing/fixtures';
import { mountAppAt } from '../../testing/mount-app';
import { resetOfflineDb } from '../../testing/offline-db';

let wrapper: VueWrapper | undefined;
beforeEach(resetOfflineDb);
afterEach(() => {
  wrapper?.unmount();
  wrapper = undefined;
  vi.unstubAllGlobals();
  removeFakePush();
});

const complete: SetupProgress = { services: 1, pagingServices: 1, activeUsers: 3, schedules: 1, policies: 1, monitoringConnected: true, pageDelivered: true, unreachableUsers: 0 };

/** `pushHere`: this browser holds a push subscription, so "Enable push on this phone" is done. */
async function openList(user: User, progress: SetupProgress, pushHere = true) {
  if (pushHere) fakePushBrowser({ permission: 'granted', subscribedWith: vapidKey(1) });
  stubFetch({
    'GET /api/v1/push/vapid-public-key': () => jsonResponse(200, { publicKey: vapidKey(1) }),
    'GET /api/v1/me': () => jsonResponse(200, { user }),
    'GET /api/v1/incidents': () => jsonResponse(200, { items: [], nextCursor: null }),
    'GET /api/v1/setup-progress': () => jsonResponse(200, progress),
  });
  ({ wrapper } = await mountAppAt('/'));
  await flushPromises();
  return wrapper!;
}

describe('first-run guide', () => {
  it('lists every step for an admin on a new installation, each leading to its screen', async () => {
    const view = await openList({ ...ada, role: 'admin' }, { ...complete, services: 0, pagingServices: 0, activeUsers: 1, schedules: 0, policies: 0, monitoringConnected: false, pageDelivered: false }, false);
    await vi.waitFor(() => expect(view.find('.guide').exists()).toBe(true));
    expect(view.find('.guide h2').text()).toBe('Set up paging 0 of 7 done');
    expect(view.findAll('.guide .step').map((step) => step.attributes('href'))).toEqual(['/services', '/people', '/schedules', '/policies', '/settings', '/settings', '/services']);
  });

  it('keeps telling an admin how many people cannot be paged once setup is done', async () => {
    const view = await openList({ ...ada, role: 'admin' }, { ...complete, unreachableUsers: 3 });
    await vi.waitFor(() => expect(view.find('.guide .unreachable').exists()).toBe(true));
    expect(view.find('.guide .unreachable').text()).toBe('3 people cannot be paged');
    expect(view.find('.guide .unreachable').attributes('href')).toBe('/on-call');
    expect(view.find('.guide .steps').exists()).toBe(false);
  });

  it('goes away when there is nothing left to do', async () => {
    const view = await openList({ ...ada, role: 'admin' }, complete);
    await flushPromises();
    expect(view.find('.guide').exists()).toBe(false);
  });

  it('folds its steps away while incidents are listed, so they stay on the screen, and shows them on request', async () => {
    fakePushBrowser({ permission: 'granted', subscribedWith: vapidKey(1) });
    const open = { ...incidentDetail(), timeline: undefined };
    stubFetch({
      'GET /api/v1/push/vapid-public-key': () => jsonResponse(200, { publicKey: vapidKey(1) }),
      'GET /api/v1/me': () => jsonResponse(200, { user: { ...ada, role: 'admin' } }),
      'GET /api/v1/incidents': () => jsonResponse(200, { items: [open], nextCursor: null }),
      'GET /api/v1/setup-progress': () => jsonResponse(200, { ...complete, schedules: 0, policies: 0 }),
    });
    ({ wrapper } = await mountAppAt('/'));
    await vi.waitFor(() => expect(wrapper!.find('.guide h2').text()).toBe('Set up paging 5 of 7 done'));
    await vi.waitFor(() => expect(wrapper!.find('.incident-card').exists()).toBe(true));
    expect(wrapper.find('.guide .steps').exists()).toBe(false);
    const show = wrapper.findAll('.guide button').find((button) => button.text() === 'Show the 2 steps left')!;
    await show.trigger('click');
    expect(wrapper.findAll('.guide .steps li')).toHaveLength(7);
  });

  it('says "the step left" when one is left, not "the 1 steps left"', async () => {
    fakePushBrowser({ permission: 'granted', subscribedWith: vapidKey(1) });
    const open = { ...incidentDetail(), timeline: undefined };
    stubFetch({
      'GET /api/v1/push/vapid-public-key': () => jsonResponse(200, { publicKey: vapidKey(1) }),
      'GET /api/v1/me': () => jsonResponse(200, { user: { ...ada, role: 'admin' } }),
      'GET /api/v1/incidents': () => jsonResponse(200, { items: [open], nextCursor: null }),
      'GET /api/v1/setup-progress': () => jsonResponse(200, { ...complete, schedules: 0 }),
    });
    ({ wrapper } = await mountAppAt('/'));
    await vi.waitFor(() => expect(wrapper!.find('.guide h2').text()).toBe('Set up paging 6 of 7 done'));
    await vi.waitFor(() => expect(wrapper!.find('.incident-card').exists()).toBe(true));
    expect(wrapper.find('.guide .steps').exists()).toBe(false);
    const show = wrapper.findAll('.guide button').find((button) => button.text() === 'Show the step left')!;
    await show.trigger('click');
    expect(wrapper.findAll('.guide .steps li')).toHaveLength(7);
  });
});
