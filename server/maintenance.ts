import type { Clock } from './clock';
import type { Db } from './db/client';
import { pruneExpiredSessions } from './db/stores/credentials';
import { pruneIdempotencyKeys } from './db/stores/idempotency';

const idempotencyRetentionMs = 7 * 24 * 3600_000;
const intervalMs = 3600_000;

/** Forgets expired sessions and old idempotency keys, at start and hourly. */
export function startMaintenance(db: Db, clock: Clock): NodeJS.Timeout {
  const run = () => {
    const now = clock.now();
    pruneExpiredSessions(db, now);
    pruneIdempotencyKeys(db, new Date(now.getTime() - idempotencyRetentionMs));
  };
  run();
  return setInterval(run, intervalMs).unref();
}
