import { readonly, ref } from 'vue';
import { Workbox } from 'workbox-window';

/** Where the build writes the service worker built from client/sw/index.ts. */
export const serviceWorkerUrl = '/index.js';

const updateReady = ref(false);
let workbox: Workbox | null = null;

/**
 * Registers the service worker. A new version installs in the background and then waits:
 * the app offers "Reload" instead of swapping code under a responder in the middle of an incident.
 */
export async function registerServiceWorker(): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  workbox = new Workbox(serviceWorkerUrl);
  workbox.addEventListener('waiting', () => (updateReady.value = true));
  // Phones keep the app open for days: look for a new version whenever it comes to the front.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void workbox?.update();
  });
  await workbox.register();
}

function reload(): void {
  if (!workbox) return window.location.reload();
  workbox.addEventListener('controlling', () => window.location.reload());
  workbox.messageSkipWaiting();
}

function later(): void {
  updateReady.value = false;
}

export function useAppUpdate() {
  return { updateReady: readonly(updateReady), reload, later };
}
