import postgres from 'postgres';
import { inject } from 'vitest';
import { openDatabase, type Db } from '../../server/db/client';

let admin: postgres.Sql | undefined;

/**
 * The database a test app runs on: a fresh SQLite file in `dir`, or, in the PostgreSQL project, a fresh
 * database copied from the migrated template on the run's throwaway server. `drop` removes it afterwards.
 */
export async function openTestDatabase(dir: string): Promise<{ db: Db; url?: string; drop(): Promise<void> }> {
  const server = inject('postgres');
  if (!server) {
    const db = await openDatabase({ file: `${dir}/muster.db` });
    return { db, drop: () => db.close() };
  }
  admin ??= postgres(server.url, { max: 2, onnotice: () => undefined });
  const name = `muster_${crypto.randomUUID().replaceAll('-', '')}`;
  await admin.unsafe(`create database ${name} template ${server.template}`);
  const url = server.url.replace(/\/[^/]*$/, `/${name}`);
  const db = await openDatabase({ url, file: '' });
  return {
    db,
    url,
    async drop() {
      await db.close();
      await admin!.unsafe(`drop database if exists ${name} with (force)`);
    },
  };
}
