/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { registerNotificationClick } from './notification-click';
import { registerPush } from './push';
import { registerOutboxSync } from './sync';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<PrecacheEntry | string> };

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Every page path is the app shell, so /incidents/:id opens offline too. API calls (and the monitoring
// endpoints, a heartbeat ping opened in a browser among them, and the acknowledge links of page emails) are never
// answered from here: the app shows its IndexedDB copy and says that it is offline.
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('index.html'), {
    denylist: [/^\/api\//, /^\/healthz$/, /^\/v2\//, /^\/integrations\//, /^\/heartbeat\//, /^\/ack\//],
  }),
);

// A new version waits until the user taps "Reload" (workbox-window sends SKIP_WAITING), never
// swapping code under a responder mid-incident. Only the very first install takes over at once.
self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
clientsClaim();

registerPush(self);
registerNotificationClick(self);
registerOutboxSync(self);
