import { onMounted, onScopeDispose } from 'vue';
import { broadcastChannelName, type OutboxReplayedMessage } from '../offline/outbox';
import { useConnectivityStore } from '../stores/connectivity';
import { useLiveUpdates } from './use-live-updates';

/** While commands wait after a 5xx or a dropped request, try again this often (the browser has no event for "server is back"). */
const retryEveryMs = 30_000;

/**
 * Keeps the device in step with the server for as long as the app is open: sends the outbox on
 * start, when the network returns and when the app comes back to the foreground (Safari and
 * Firefox have no Background Sync), hears the service worker's replays, and follows live updates.
 * Call once, from the app's root component.
 */
export function useConnectivity(): void {
  const connectivity = useConnectivityStore();

  const onOnline = () => {
    connectivity.setBrowserOnline(true);
    void connectivity.sync();
  };
  const onOffline = () => connectivity.setBrowserOnline(false);
  const onVisible = () => {
    if (document.visibilityState === 'visible') void connectivity.sync();
  };
  window.addEventListener('online', onOnline);
  window.addEventListener('offline', onOffline);
  document.addEventListener('visibilitychange', onVisible);

  const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(broadcastChannelName);
  channel?.addEventListener('message', (event: MessageEvent<Partial<OutboxReplayedMessage>>) => {
    if (event.data?.type === 'outbox-replayed' && event.data.report) void connectivity.settle(event.data.report);
  });

  const retry = setInterval(() => {
    if (connectivity.pendingCount > 0 && !connectivity.needsSignIn && document.visibilityState === 'visible') void connectivity.sync();
  }, retryEveryMs);

  onMounted(async () => {
    await connectivity.load();
    await connectivity.sync();
  });
  onScopeDispose(() => {
    clearInterval(retry);
    window.removeEventListener('online', onOnline);
    window.removeEventListener('offline', onOffline);
    document.removeEventListener('visibilitychange', onVisible);
    channel?.close();
  });

  useLiveUpdates();
}
