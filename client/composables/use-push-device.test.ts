import type { VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PushDevice } from '../../shared/api/push';
import { jsonResponse, stubFetch } from '../testing/fetch-stub';
import { fakePushBrowser, removeFakePush, vapidKey } from '../testing/fake-push';
import { ada } from '../testing/fixtures';
import { mountAppAt } from '../testing/mount-app';
import { renewPushSubscription } from './use-push-device';

let wrapper: VueWrapper | undefined;
afterEach(() => {
  wrapper?.unmount();
  wrapper = undefined;
  removeFakePush();
  vi.unstubAllGlobals();
});

const serverKey = vapidKey(1);

function device(id: string, label = 'Chrome on Android'): PushDevice {
  return { id, label, endpointHost: 'push.example.net', createdAt: new Date().toISOString(), lastSuccessAt: null, lastFailureAt: null };
}

/** A Muster server that keeps the registered devices, like the real one. */
function serve(publicKey = serverKey) {
  const devices: PushDevice[] = [];
  const stub = stubFetch({
    'GET /api/v1/me': () => jsonResponse(200, { user: ada }),
    'GET /api/v1/me/notification-rules': () => jsonResponse(200, [{ delaySeconds: 0, method: 'push' }]),
    'GET /api/v1/push/vapid-public-key': () => jsonResponse(200, { publicKey }),
    'GET /api/v1/push/subscriptions': () => jsonResponse(200, { items: devices }),
    'POST /api/v1/push/subscriptions': () => {
      const made = device(`dev-${devices.length + 1}`);
      devices.push(made);
      return jsonResponse(201, made);
    },
  });
  return { ...stub, devices };
}

const stateText = () => wrapper!.find('[data-testid="push-state"]').text();
const bytes = (key: ArrayBuffer | null | undefined) => Buffer.from(new Uint8Array(key ?? new ArrayBuffer(0))).toString('base64url');

describe('push state on this device', () => {
  it('says "Not supported" where the browser has no Push API, and offers nothing to tap', async () => {
    serve();
    ({ wrapper } = await mountAppAt('/settings'));
    await vi.waitFor(() => expect(stateText()).toBe('Not supported'));
    expect(wrapper.text()).toContain('Add to Home Screen');
    expect(wrapper.findAll('button').map((b) => b.text())).not.toContain('Enable push');
  });

  it('says "Blocked" when notifications were denied, without asking again', async () => {
    serve();
    const browser = fakePushBrowser({ permission: 'denied' });
    ({ wrapper } = await mountAppAt('/settings'));
    await vi.waitFor(() => expect(stateText()).toBe('Blocked'));
    expect(browser.notification.requestPermission).not.toHaveBeenCalled();
  });

  it('offline, still says whether this phone gets pages (it only cannot list the devices)', async () => {
    fakePushBrowser({ permission: 'granted', subscribedWith: serverKey });
    const offline = () => Promise.reject(new TypeError('Failed to fetch'));
    stubFetch({
      'GET /api/v1/me': () => jsonResponse(200, { user: ada }),
      'GET /api/v1/me/notification-rules': offline,
      'GET /api/v1/push/vapid-public-key': offline,
      'GET /api/v1/push/subscriptions': offline,
      'POST /api/v1/push/subscriptions': offline,
    });
    ({ wrapper } = await mountAppAt('/settings'));
    await vi.waitFor(() => expect(stateText()).toBe('Enabled'));
  });

  it('never asks for permission on load; a tap asks, subscribes with the server key and registers the device', async () => {
    const server = serve();
    const browser = fakePushBrowser();
    ({ wrapper } = await mountAppAt('/settings'));
    await vi.waitFor(() => expect(stateText()).toBe('Off'));
    expect(browser.notification.requestPermission).not.toHaveBeenCalled();
    expect(browser.pushManager.subscribe).not.toHaveBeenCalled();

    await wrapper.findAll('button').find((b) => b.text() === 'Enable push')!.trigger('click');
    await vi.waitFor(() => expect(stateText()).toBe('Enabled'));

    expect(browser.notification.requestPermission).toHaveBeenCalledOnce();
    const [init] = browser.pushManager.subscribe.mock.calls[0];
    expect(init.userVisibleOnly).toBe(true);
    expect(bytes(init.applicationServerKey as ArrayBuffer)).toBe(serverKey);
    const registered = server.requests.find((r) => r.method === 'POST' && r.path === '/api/v1/push/subscriptions');
    expect(registered?.body).toEqual({
      endpoint: browser.state.subscription!.endpoint,
      keys: { p256dh: vapidKey(7), auth: 'c2VjcmV0LWF1dGgtMTIzNA' },
      label: expect.any(String),
    });
    await vi.waitFor(() => expect(wrapper!.find('.devices').text()).toContain('this device'));
  });

  it('stays off and explains when the permission prompt is dismissed', async () => {
    serve();
    fakePushBrowser({ answer: 'default' });
    ({ wrapper } = await mountAppAt('/settings'));
    await vi.waitFor(() => expect(stateText()).toBe('Off'));
    await wrapper.findAll('button').find((b) => b.text() === 'Enable push')!.trigger('click');
    await vi.waitFor(() => expect(wrapper!.find('[role="alert"]').text()).toContain('Notifications were not allowed'));
    expect(stateText()).toBe('Off');
  });

  it('shows "Blocked" when the prompt is answered with Block', async () => {
    serve();
    fakePushBrowser({ answer: 'denied' });
    ({ wrapper } = await mountAppAt('/settings'));
    await vi.waitFor(() => expect(stateText()).toBe('Off'));
    await wrapper.findAll('button').find((b) => b.text() === 'Enable push')!.trigger('click');
    await vi.waitFor(() => expect(stateText()).toBe('Blocked'));
  });

  it('registers again a subscription the server no longer knows, so "Enabled" is true', async () => {
    const server = serve();
    fakePushBrowser({ permission: 'granted', subscribedWith: serverKey });
    ({ wrapper } = await mountAppAt('/settings'));
    await vi.waitFor(() => expect(stateText()).toBe('Enabled'));
    expect(server.devices).toHaveLength(1);
  });
});

describe('renewing the subscription at start', () => {
  it('re-subscribes with the new key and registers the new endpoint when the server key changed', async () => {
    const newKey = vapidKey(2);
    const server = serve(newKey);
    const browser = fakePushBrowser({ permission: 'granted', subscribedWith: serverKey });
    const old = browser.state.subscription!;

    await renewPushSubscription();

    expect(old.unsubscribe).toHaveBeenCalledOnce();
    expect(bytes(browser.pushManager.subscribe.mock.calls[0][0].applicationServerKey as ArrayBuffer)).toBe(newKey);
    const registered = server.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/push/subscriptions');
    expect(registered.map((r) => (r.body as { endpoint: string }).endpoint)).toEqual([browser.state.subscription!.endpoint]);
    expect(browser.state.subscription!.endpoint).not.toBe(old.endpoint);
  });

  it('leaves a subscription made with the current key alone, and never prompts', async () => {
    const server = serve();
    const browser = fakePushBrowser({ permission: 'granted', subscribedWith: serverKey });
    await renewPushSubscription();
    expect(browser.pushManager.subscribe).not.toHaveBeenCalled();
    expect(browser.notification.requestPermission).not.toHaveBeenCalled();
    expect(server.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });
});
