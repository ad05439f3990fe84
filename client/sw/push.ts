/// <reference lib="webworker" />
import type { VapidPublicKey } from '../../shared/api/push';
import { deviceLabel } from './device-label';
import { vapidKeyBytes } from './vapid-key';
import { broadcast } from './messages';
import { isPagePayload, notificationFor } from './notification-content';
import { savePage, syncAppBadge } from './page-store';

function readPayload(data: PushMessageData | null): unknown {
  try {
    return data?.json();
  } catch {
    return null;
  }
}

/**
 * ntfy's order: store the page, set the badge, show the notification, tell open windows.
 * The notification is shown even if storing fails: a push without one gets push revoked on iOS.
 */
async function onPush(sw: ServiceWorkerGlobalScope, data: PushMessageData | null): Promise<void> {
  const payload = readPayload(data);
  const { title, options } = notificationFor(payload);
  if (isPagePayload(payload)) {
    await savePage(payload)
      .then(() => syncAppBadge(sw.navigator))
      .catch((err: unknown) => console.error('could not store the page', err));
  }
  await sw.registration.showNotification(title, options);
  if (isPagePayload(payload)) broadcast({ type: 'page', payload });
}

/**
 * The push service replaced or dropped the subscription: subscribe again with the server's
 * current key and register the new endpoint, so pages keep arriving without opening the app.
 */
async function resubscribe(sw: ServiceWorkerGlobalScope, event: Event): Promise<void> {
  const res = await fetch('/api/v1/push/vapid-public-key', { credentials: 'same-origin' });
  if (!res.ok) throw new Error(`could not read the server's push key: ${res.status}`);
  const { publicKey } = (await res.json()) as VapidPublicKey;
  const offered = (event as Event & { newSubscription?: PushSubscription | null }).newSubscription;
  const subscription =
    offered ?? (await sw.registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: vapidKeyBytes(publicKey) }));
  const { endpoint, keys } = subscription.toJSON();
  const saved = await fetch('/api/v1/push/subscriptions', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
    body: JSON.stringify({ endpoint, keys, label: deviceLabel(sw.navigator.userAgent) }),
  });
  if (!saved.ok) throw new Error(`the server refused the renewed subscription: ${saved.status}`);
}

export function registerPush(sw: ServiceWorkerGlobalScope): void {
  sw.addEventListener('push', (event) => event.waitUntil(onPush(sw, event.data)));
  sw.addEventListener('pushsubscriptionchange', (event) => (event as ExtendableEvent).waitUntil(resubscribe(sw, event)));
}
