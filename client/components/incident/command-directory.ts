import type { User } from '../../../shared/api/accounts';
import type { Schedule } from '../../../shared/api/schedules';
import { usersApi } from '../../api/accounts';
import { noAnswer } from '../../api/http';
import { schedulesApi } from '../../api/schedules';
import { readSnapshot, saveSnapshot } from '../../offline/cache';

/**
 * People and schedules to pick from when assigning roles or adding responders: the server's list, kept on the
 * device so a commander can still assign roles offline (the command waits in the outbox).
 */
async function cachedRead<T>(key: string, read: () => Promise<T>): Promise<T> {
  try {
    const fresh = await read();
    await saveSnapshot(key, fresh).catch(() => undefined);
    return fresh;
  } catch (err) {
    if (!noAnswer(err)) throw err;
    const kept = await readSnapshot<T>(key).catch(() => undefined);
    if (kept === undefined) throw err;
    return kept;
  }
}

export const loadPeople = (): Promise<User[]> => cachedRead('command:people', usersApi.list);
export const loadSchedules = (): Promise<Schedule[]> => cachedRead('command:schedules', schedulesApi.list);
