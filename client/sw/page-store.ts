import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { PagePayload } from '../../shared/api/push';

/**
 * The pages this device received, newest per incident. The service worker writes them (the app
 * may be closed); the badge counts those not yet acknowledged. Separate from the offline cache
 * database so each can change its schema on its own.
 */
export interface StoredPage {
  incidentId: string;
  payload: PagePayload;
  receivedAt: string;
  acknowledged: boolean;
}

interface PagesDb extends DBSchema {
  pages: { key: string; value: StoredPage };
}

const keepDays = 7;
let opening: Promise<IDBPDatabase<PagesDb>> | undefined;

function pagesDb(): Promise<IDBPDatabase<PagesDb>> {
  opening ??= openDB<PagesDb>('muster-pages', 1, {
    upgrade(db) {
      db.createObjectStore('pages', { keyPath: 'incidentId' });
    },
    terminated() {
      opening = undefined;
    },
  }).catch((err: unknown) => {
    opening = undefined;
    throw err;
  });
  return opening;
}

/** Records a page (a re-page of the same incident is open again) and forgets week-old ones. */
export async function savePage(payload: PagePayload, now = new Date()): Promise<void> {
  const db = await pagesDb();
  const tx = db.transaction('pages', 'readwrite');
  const cutoff = new Date(now.getTime() - keepDays * 86_400_000).toISOString();
  for (const page of await tx.store.getAll()) if (page.receivedAt < cutoff) await tx.store.delete(page.incidentId);
  await tx.store.put({ incidentId: payload.incidentId, payload, receivedAt: now.toISOString(), acknowledged: false });
  await tx.done;
}

export async function markAcknowledged(incidentId: string): Promise<void> {
  const db = await pagesDb();
  const tx = db.transaction('pages', 'readwrite');
  const page = await tx.store.get(incidentId);
  if (page) await tx.store.put({ ...page, acknowledged: true });
  await tx.done;
}

/**
 * The app knows better once it has loaded the incidents: anything no longer waiting for an
 * acknowledgement (acknowledged elsewhere, resolved) stops counting.
 */
export async function settlePagesExcept(stillTriggered: ReadonlySet<string>): Promise<void> {
  const db = await pagesDb();
  const tx = db.transaction('pages', 'readwrite');
  for (const page of await tx.store.getAll()) {
    if (!page.acknowledged && !stillTriggered.has(page.incidentId)) await tx.store.put({ ...page, acknowledged: true });
  }
  await tx.done;
}

export async function openPages(): Promise<StoredPage[]> {
  return (await (await pagesDb()).getAll('pages')).filter((page) => !page.acknowledged);
}

/** What the Badging API needs on the page (`navigator`) and in the worker (`self.navigator`). */
export interface BadgeTarget {
  setAppBadge?(count?: number): Promise<void>;
  clearAppBadge?(): Promise<void>;
}

/** Sets the home-screen badge to the number of open pages, where the platform has badges. */
export async function syncAppBadge(target: BadgeTarget): Promise<number> {
  const count = (await openPages()).length;
  // Badging may be refused (e.g. not installed); the count is still right for the caller.
  if (count > 0) await target.setAppBadge?.(count).catch(() => undefined);
  else await target.clearAppBadge?.().catch(() => undefined);
  return count;
}
