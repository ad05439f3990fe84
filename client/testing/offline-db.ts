import 'fake-indexeddb/auto';
import { deleteDB } from 'idb';
import { dbName } from '../offline/db';

/**
 * jsdom has no IndexedDB: `fake-indexeddb` provides a real, spec-following one in memory.
 * Deleting the database between tests closes the app's connection (it yields to a delete).
 */
export function resetOfflineDb(): Promise<void> {
  return deleteDB(dbName);
}
