import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Incident, IncidentDetail } from '../../shared/api/incidents';

/**
 * The device's copy of what the user has seen, and the commands waiting to be sent.
 * Shared by the page and the service worker, so nothing here may touch the DOM or Pinia.
 */
export const dbName = 'muster';
const dbVersion = 1;

export type CommandMethod = 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** A mutation waiting to be sent; `id` is its Idempotency-Key, so a resend is applied once. */
export interface OutboxCommand {
  id: string;
  method: CommandMethod;
  /** From the origin, e.g. `/api/v1/incidents/:id/acknowledge`. */
  path: string;
  body?: unknown;
  /** What the command does (acknowledge, resolve, note, severity…), for optimistic updates and messages. */
  kind: string;
  incidentId?: string;
  createdAt: string;
  /** Names of the people a command refers to by id, to show it before the server answers; never sent. */
  names?: Record<string, string>;
}

/** A command the server refused: it has left the outbox and its optimistic change is undone. */
export interface Rejection {
  command: OutboxCommand;
  status: number;
  message: string;
  at: string;
}

export interface CachedList {
  key: string;
  items: Incident[];
  savedAt: string;
}

/** Anything else worth reading offline (the signed-in user, on-call data, runbooks), by key. */
export interface Snapshot<T = unknown> {
  key: string;
  data: T;
  savedAt: string;
}

interface MusterDb extends DBSchema {
  incidents: { key: string; value: IncidentDetail };
  lists: { key: string; value: CachedList };
  snapshots: { key: string; value: Snapshot };
  /** Keyed by an auto-incremented sequence number: the order the user gave the commands in. */
  outbox: { key: number; value: OutboxCommand; indexes: { byId: string } };
  rejections: { key: string; value: Rejection };
  meta: { key: string; value: string };
}

export type OfflineDb = IDBPDatabase<MusterDb>;

let opening: Promise<OfflineDb> | undefined;

export function offlineDb(): Promise<OfflineDb> {
  opening ??= openDB<MusterDb>(dbName, dbVersion, {
    upgrade(db, oldVersion) {
      // One step per version, so a phone that skipped releases upgrades through each in turn.
      if (oldVersion < 1) {
        db.createObjectStore('incidents', { keyPath: 'id' });
        db.createObjectStore('lists', { keyPath: 'key' });
        db.createObjectStore('snapshots', { keyPath: 'key' });
        db.createObjectStore('outbox', { autoIncrement: true }).createIndex('byId', 'id', { unique: true });
        db.createObjectStore('rejections', { keyPath: 'command.id' });
        db.createObjectStore('meta');
      }
    },
    // A newer version opened elsewhere (an updated service worker, another tab) must not wait on us.
    blocking() {
      void opening?.then((db) => db.close());
      opening = undefined;
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
