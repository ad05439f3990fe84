import type { Incident, IncidentDetail } from '../../shared/api/incidents';
import { phaseAfterStatus } from '../../shared/domain/phases';
import { offlineDb, type Snapshot } from './db';

/** The server's last word on what the user has seen: shown at once on start and while offline. */

export async function saveIncident(detail: IncidentDetail): Promise<void> {
  await (await offlineDb()).put('incidents', detail);
}

/**
 * A copy saved by an older version of the app lacks what the server added since (alerts, recent changes,
 * origin and detection times, the incident-command fields): fill them in, so a phone that updated offline still
 * opens its incidents.
 */
export function upgradeCachedIncident(cached: IncidentDetail): IncidentDetail {
  const old = cached as Partial<IncidentDetail> & Pick<IncidentDetail, 'createdAt'>;
  return {
    ...cached,
    origin: old.origin ?? 'user',
    startedAt: old.startedAt ?? old.createdAt,
    detectedAt: old.detectedAt ?? old.createdAt,
    alerts: Array.isArray(old.alerts) ? old.alerts : [],
    recentChanges: Array.isArray(old.recentChanges) ? old.recentChanges : [],
    runbook: old.runbook ?? null,
    roles: old.roles ?? { commander: null, communications: null, scribe: null, experts: [] },
    checklist: Array.isArray(old.checklist) ? old.checklist : [],
    phase: old.phase ?? phaseAfterStatus('triage', cached.status),
    acknowledgedBy: old.acknowledgedBy ?? null,
    mitigatedAt: old.mitigatedAt ?? null,
    closedAt: old.closedAt ?? null,
    reviewCompletedAt: old.reviewCompletedAt ?? null,
    snoozedUntil: old.snoozedUntil ?? null,
    followers: Array.isArray(old.followers) ? old.followers : [],
    following: old.following ?? false,
    updateCadenceMinutes: old.updateCadenceMinutes ?? null,
    lastStatusUpdateAt: old.lastStatusUpdateAt ?? null,
    nextUpdateDueAt: old.nextUpdateDueAt ?? null,
  };
}

export async function readIncident(id: string): Promise<IncidentDetail | undefined> {
  const cached = await (await offlineDb()).get('incidents', id);
  return cached && upgradeCachedIncident(cached);
}

export async function saveList(key: string, items: Incident[]): Promise<void> {
  await (await offlineDb()).put('lists', { key, items, savedAt: new Date().toISOString() });
}

export async function readList(key: string): Promise<Incident[] | undefined> {
  return (await (await offlineDb()).get('lists', key))?.items;
}

/** Keeps any other response worth reading offline: the signed-in user, on-call data, a runbook. */
export async function saveSnapshot(key: string, data: unknown): Promise<void> {
  await (await offlineDb()).put('snapshots', { key, data, savedAt: new Date().toISOString() });
}

export async function readSnapshot<T>(key: string): Promise<T | undefined> {
  return ((await (await offlineDb()).get('snapshots', key)) as Snapshot<T> | undefined)?.data;
}

/** When the server last answered a read; "offline · last synced 03:12" shows it. */
export async function markSynced(at = new Date()): Promise<string> {
  const iso = at.toISOString();
  await (await offlineDb()).put('meta', iso, 'lastSyncedAt');
  return iso;
}

export async function lastSyncedAt(): Promise<string | undefined> {
  return (await offlineDb()).get('meta', 'lastSyncedAt');
}

/**
 * Forgets everything on this device, outbox included: after signing out, the next person on
 * the phone must neither read the incidents nor send the previous user's commands.
 */
export async function clearOfflineData(): Promise<void> {
  const db = await offlineDb();
  const stores = ['incidents', 'lists', 'snapshots', 'outbox', 'rejections', 'meta'] as const;
  const tx = db.transaction(stores, 'readwrite');
  await Promise.all([...stores.map((store) => tx.objectStore(store).clear()), tx.done]);
}
