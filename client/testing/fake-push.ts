import { vi } from 'vitest';

/** A 65-byte uncompressed P-256 point in base64url, as the server's VAPID key would be. */
export function vapidKey(fill: number): string {
  const bytes = new Uint8Array(65).fill(fill);
  bytes[0] = 4;
  return Buffer.from(bytes).toString('base64url');
}

export interface FakePushOptions {
  permission?: NotificationPermission;
  /** What the permission prompt answers. */
  answer?: NotificationPermission;
  /** Already subscribed with this VAPID key (base64url). */
  subscribedWith?: string;
}

let counter = 0;

/**
 * jsdom has no service worker, Push API or notifications: this stands in for a browser that has
 * them, recording subscribe/unsubscribe calls. Call `removeFakePush()` after each test.
 */
export function fakePushBrowser(options: FakePushOptions = {}) {
  const makeSubscription = (key: BufferSource | string | null | undefined) => {
    const id = ++counter;
    const subscription = {
      endpoint: `https://push.example.net/send/${id}`,
      options: { userVisibleOnly: true, applicationServerKey: key ? new Uint8Array(key as ArrayBuffer).slice().buffer : null },
      toJSON: () => ({ endpoint: subscription.endpoint, expirationTime: null, keys: { p256dh: vapidKey(7), auth: 'c2VjcmV0LWF1dGgtMTIzNA' } }),
      unsubscribe: vi.fn(async () => {
        if (state.subscription === subscription) state.subscription = null;
        return true;
      }),
    };
    return subscription;
  };
  type FakeSubscription = ReturnType<typeof makeSubscription>;

  const state: { subscription: FakeSubscription | null } = {
    subscription: options.subscribedWith ? makeSubscription(Buffer.from(options.subscribedWith, 'base64url')) : null,
  };
  const pushManager = {
    subscribe: vi.fn(async (init: PushSubscriptionOptionsInit) => (state.subscription = makeSubscription(init.applicationServerKey))),
    getSubscription: vi.fn(async () => state.subscription),
  };
  const registration = { pushManager };
  Object.defineProperty(navigator, 'serviceWorker', {
    configurable: true,
    value: {
      ready: Promise.resolve(registration),
      getRegistration: async () => registration,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
    },
  });
  const notification = {
    permission: options.permission ?? 'default',
    requestPermission: vi.fn(async () => (notification.permission = options.answer ?? 'granted')),
  };
  vi.stubGlobal('Notification', notification);
  vi.stubGlobal('PushManager', class {});
  return { state, pushManager, notification };
}

export function removeFakePush(): void {
  Reflect.deleteProperty(navigator, 'serviceWorker');
  localStorage.clear();
}
