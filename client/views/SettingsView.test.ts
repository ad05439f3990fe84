import type { VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { NotificationRule } from '../../shared/api/paging';
import type { PushDevice } from '../../shared/api/push';
import { delayLabel } from '../components/settings/delay-wording';
import { jsonResponse, stubFetch } from '../testing/fetch-stub';
import { fakePushBrowser, removeFakePush, vapidKey } from '../testing/fake-push';
import { ada } from '../testing/fixtures';
import { mountAppAt } from '../testing/mount-app';

let wrapper: VueWrapper | undefined;
afterEach(() => {
  wrapper?.unmount();
  wrapper = undefined;
  removeFakePush();
  vi.unstubAllGlobals();
});

const phone: PushDevice = {
  id: 'dev-phone',
  label: 'Safari on iPhone',
  endpointHost: 'web.push.apple.com',
  createdAt: new Date(Date.now() - 3 * 86_400_000).toISOString(),
  lastSuccessAt: new Date(Date.now() - 2 * 3_600_000).toISOString(),
  lastFailureAt: null,
};
const laptop: PushDevice = { ...phone, id: 'dev-laptop', label: 'Firefox on Linux', lastSuccessAt: null, lastFailureAt: new Date().toISOString() };

function serve(rules: NotificationRule[] = [{ delaySeconds: 0, method: 'push' }, { delaySeconds: 60, method: 'push' }]) {
  let devices = [phone, laptop];
  return stubFetch({
    'GET /api/v1/me': () => jsonResponse(200, { user: ada }),
    'GET /api/v1/push/vapid-public-key': () => jsonResponse(200, { publicKey: vapidKey(1) }),
    'GET /api/v1/push/subscriptions': () => jsonResponse(200, { items: devices }),
    'DELETE /api/v1/push/subscriptions/dev-laptop': () => {
      devices = devices.filter((d) => d.id !== 'dev-laptop');
      return new Response(null, { status: 204 });
    },
    'DELETE /api/v1/push/subscriptions/dev-phone': () => {
      devices = devices.filter((d) => d.id !== 'dev-phone');
      return new Response(null, { status: 204 });
    },
    'GET /api/v1/me/contact-methods': () => jsonResponse(200, { items: [] }),
    'GET /api/v1/me/notification-rules': () => jsonResponse(200, rules),
    'PUT /api/v1/me/notification-rules': (req) => jsonResponse(200, req.body),
    'POST /api/v1/auth/logout': () => new Response(null, { status: 204 }),
    'GET /api/v1/setup': () => jsonResponse(200, { needed: false }),
  });
}

const button = (text: string) => wrapper!.findAll('button').find((b) => b.text() === text);

describe('settings', () => {
  it('lists my devices with when they last got a page', async () => {
    serve();
    ({ wrapper } = await mountAppAt('/settings'));
    await vi.waitFor(() => expect(wrapper!.findAll('.device')).toHaveLength(2));
    const [first, second] = wrapper.findAll('.device').map((d) => d.text());
    expect(first).toContain('Safari on iPhone');
    expect(first).toContain('last page delivered 2 hours ago');
    expect(second).toContain('Firefox on Linux');
    expect(second).toContain('last page failed just now');
  });

  it('leads to my profile', async () => {
    serve();
    ({ wrapper } = await mountAppAt('/settings'));
    await vi.waitFor(() => expect(wrapper!.find('a[href="/profile"]').exists()).toBe(true));
    expect(wrapper.find('a[href="/profile"]').text()).toBe('My profile, password and API tokens');
  });

  it('offline, says once that devices, contact methods and rules need a connection, with no error', async () => {
    const offline = () => Promise.reject(new TypeError('Failed to fetch'));
    stubFetch({
      'GET /api/v1/me': () => jsonResponse(200, { user: ada }),
      'GET /api/v1/setup': () => jsonResponse(200, { needed: false }),
      'GET /api/v1/push/subscriptions': offline,
      'GET /api/v1/me/contact-methods': offline,
      'GET /api/v1/me/notification-rules': offline,
    });
    ({ wrapper } = await mountAppAt('/settings'));
    await vi.waitFor(() => expect(wrapper!.text()).toContain('Offline: your devices, contact methods and notification rules show when the connection returns.'));
    await vi.waitFor(() => expect(wrapper!.text().match(/Shown when the connection returns\./g)).toHaveLength(2));
    expect(wrapper.text()).not.toContain('no connection to the Muster server');
    expect(wrapper.find('[role="alert"]').exists()).toBe(false);
  });

  it('removes a device only after a second tap', async () => {
    const { requests } = serve();
    ({ wrapper } = await mountAppAt('/settings'));
    await vi.waitFor(() => expect(wrapper!.findAll('.device')).toHaveLength(2));

    await wrapper.find('[aria-label="Remove Firefox on Linux"]').trigger('click');
    expect(requests.some((r) => r.method === 'DELETE')).toBe(false);
    await wrapper.find('.confirm .danger').trigger('click');
    await vi.waitFor(() => expect(wrapper!.findAll('.device')).toHaveLength(1));
    expect(requests.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual(['/api/v1/push/subscriptions/dev-laptop']);
  });

  it('edits the re-page delays and saves them as push rules', async () => {
    const { requests } = serve();
    ({ wrapper } = await mountAppAt('/settings'));
    await vi.waitFor(() => expect(wrapper!.findAll('.rule')).toHaveLength(2));
    expect(wrapper.findAll('.rule select[name^="delay-"]').map((s) => (s.element as HTMLSelectElement).value)).toEqual(['0', '60']);

    await button('+ Add a reminder')!.trigger('click');
    await wrapper.findAll('.rule select[name^="delay-"]')[1].setValue('300');
    await wrapper.find('form.rules-form').trigger('submit');
    await vi.waitFor(() => expect(button('Saved')).toBeDefined());

    const saved = requests.find((r) => r.method === 'PUT' && r.path === '/api/v1/me/notification-rules');
    expect(saved?.body).toEqual([
      { delaySeconds: 0, method: 'push' },
      { delaySeconds: 120, method: 'push' },
      { delaySeconds: 300, method: 'push' },
    ]);
  });

  it('words delays for people, not seconds', () => {
    expect([0, 30, 60, 90, 300, 3600, 5400].map(delayLabel)).toEqual([
      'At once',
      'After 30 s',
      'After 1 min',
      'After 1 min 30 s',
      'After 5 min',
      'After 1 h',
      'After 1 h 30 min',
    ]);
  });

  it('signing out removes this device from paging, then signs out', async () => {
    localStorage.setItem('muster.pushDeviceId', 'dev-phone');
    const { requests } = serve();
    const browser = fakePushBrowser({ permission: 'granted', subscribedWith: vapidKey(1) });
    const subscription = browser.state.subscription!;
    let router;
    ({ wrapper, router } = await mountAppAt('/settings'));
    await vi.waitFor(() => expect(wrapper!.find('[data-testid="push-state"]').text()).toBe('Enabled'));

    await button('Sign out')!.trigger('click');
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('login'));
    expect(subscription.unsubscribe).toHaveBeenCalledOnce();
    const order = requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);
    expect(order).toEqual(['DELETE /api/v1/push/subscriptions/dev-phone', 'POST /api/v1/auth/logout']);
  });
});
