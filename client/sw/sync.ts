/// <reference lib="webworker" />
import { broadcastChannelName, outboxSyncTag, replayOutbox, type OutboxReplayedMessage } from '../offline/outbox';

/** Background Sync is not in TypeScript's lib yet. */
interface SyncEvent extends ExtendableEvent {
  readonly tag: string;
  readonly lastChance: boolean;
}

/**
 * Replays the command outbox when the browser says the network is back (Chromium's Background
 * Sync), even with the app closed, and tells open windows what happened so they update.
 * A replay stopped by no answer, a 5xx or a 429 fails the event, so the browser retries later.
 */
export function registerOutboxSync(sw: ServiceWorkerGlobalScope): void {
  sw.addEventListener('sync', (event) => {
    const sync = event as SyncEvent;
    if (sync.tag !== outboxSyncTag) return;
    sync.waitUntil(
      replayOutbox().then((report) => {
        const channel = new BroadcastChannel(broadcastChannelName);
        channel.postMessage({ type: 'outbox-replayed', report } satisfies OutboxReplayedMessage);
        channel.close();
        if (report.stopped && report.stopped.reason !== 'unauthorized') {
          throw new Error(`outbox replay stopped (${report.stopped.reason}); ${report.remaining} commands wait`);
        }
      }),
    );
  });
}
