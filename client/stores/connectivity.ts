import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { clearOfflineData, lastSyncedAt as readLastSyncedAt, markSynced } from '../offline/cache';
import type { OutboxCommand, Rejection } from '../offline/db';
import {
  dismissRejection,
  enqueueCommand,
  listRejections,
  outboxSyncTag,
  pendingCommands,
  replayOutbox,
  type EnqueueInput,
  type ReplayReport,
} from '../offline/outbox';
import { useIncidentsStore } from './incidents';

/** The device's storage can fail (quota, private mode); the app must still work online. */
export const quietly = <T>(work: Promise<T>): Promise<T | undefined> => work.catch(() => undefined);

interface SyncRegistration {
  sync?: { register(tag: string): Promise<void> };
}

/** Where the browser has Background Sync, the service worker sends the outbox even after the app is closed. */
async function requestBackgroundSync(): Promise<void> {
  const registration = (await navigator.serviceWorker?.getRegistration()) as SyncRegistration | undefined;
  await registration?.sync?.register(outboxSyncTag);
}

/** Online state, the outbox as the user sees it ("N changes waiting"), refusals, and the last sync. */
export const useConnectivityStore = defineStore('connectivity', () => {
  const browserOnline = ref(typeof navigator === 'undefined' || navigator.onLine);
  /** False after a request got no answer although the browser claims a network (lie-fi, server down). */
  const reachable = ref(true);
  const lastSyncedAt = ref<string | null>(null);
  const pending = ref<OutboxCommand[]>([]);
  const rejections = ref<Rejection[]>([]);
  const needsSignIn = ref(false);
  /** Status of the last server failure that stopped a replay (5xx, 429), until one gets through. */
  const serverTrouble = ref<number | null>(null);
  const replays = ref(0);

  const online = computed(() => browserOnline.value && reachable.value);
  const pendingCount = computed(() => pending.value.length);
  const syncing = computed(() => replays.value > 0);

  async function load(): Promise<void> {
    const [commands, refused, synced] = await Promise.all([
      quietly(pendingCommands()),
      quietly(listRejections()),
      quietly(readLastSyncedAt()),
    ]);
    pending.value = commands ?? [];
    rejections.value = refused ?? [];
    lastSyncedAt.value = synced ?? lastSyncedAt.value;
  }

  function setBrowserOnline(value: boolean): void {
    browserOnline.value = value;
    if (value) reachable.value = true;
  }

  function reached(): void {
    reachable.value = true;
  }

  function unreachable(): void {
    reachable.value = false;
  }

  /** The server just answered a read: the shown data is fresh as of now. */
  async function noteSynced(): Promise<void> {
    reachable.value = true;
    lastSyncedAt.value = (await quietly(markSynced())) ?? new Date().toISOString();
  }

  /** Takes in a replay's outcome, whoever ran it (this page, another tab, the service worker). */
  async function settle(report: ReplayReport): Promise<void> {
    const stop = report.stopped;
    const answered = [...report.sent, ...report.rejected.map((rejection) => rejection.command)];
    // An empty outbox sends nothing, so it says nothing about the network.
    if (stop?.reason === 'offline') unreachable();
    else if (stop || answered.length > 0) reached();
    needsSignIn.value = stop?.reason === 'unauthorized';
    serverTrouble.value = stop?.reason === 'server' ? stop.status : null;
    const touched = new Set(answered.flatMap((command) => (command.incidentId ? [command.incidentId] : [])));
    // Fetch the server's copy before dropping the optimistic one, so nothing flickers back.
    if (touched.size > 0) await useIncidentsStore().refresh(touched);
    await load();
  }

  /** Sends whatever waits, in order. Never throws: the outcome shows in the state above. */
  async function sync(): Promise<void> {
    replays.value += 1;
    try {
      const report = await quietly(replayOutbox());
      if (!report) return;
      // What this page could not send, the service worker sends when the network is back, even
      // if the app is closed by then.
      if (report.remaining > 0 && report.stopped?.reason !== 'unauthorized') void quietly(requestBackgroundSync());
      await settle(report);
    } finally {
      replays.value -= 1;
    }
  }

  /** Queues a command (shown at once through `pending`) and tries to send it right away. */
  async function enqueue(input: EnqueueInput): Promise<OutboxCommand> {
    const command = await enqueueCommand(input);
    pending.value = [...pending.value.filter((queued) => queued.id !== command.id), command];
    void sync();
    return command;
  }

  async function dismiss(commandId: string): Promise<void> {
    await quietly(dismissRejection(commandId));
    rejections.value = rejections.value.filter((rejection) => rejection.command.id !== commandId);
  }

  /** Signing out: nothing of this user's stays on the device. */
  async function forgetDevice(): Promise<void> {
    await quietly(clearOfflineData());
    pending.value = [];
    rejections.value = [];
    lastSyncedAt.value = null;
    needsSignIn.value = false;
    serverTrouble.value = null;
  }

  return {
    browserOnline,
    reachable,
    online,
    lastSyncedAt,
    pending,
    pendingCount,
    rejections,
    needsSignIn,
    serverTrouble,
    syncing,
    load,
    setBrowserOnline,
    reached,
    unreachable,
    noteSynced,
    settle,
    sync,
    enqueue,
    dismiss,
    forgetDevice,
  };
});
