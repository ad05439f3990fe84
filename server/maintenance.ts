import type { Clock } from './clock';
import type { Db } from './db/client';
import { pruneExpiredSessions } from './db/stores/credentials';
import { pruneIdempotencyKeys } from './db/stores/idempotency';
import { pruneExpiredSignInLinks } from './db/stores/sign-in-links';

const idempotencyRetentionMs = 7 * 24 * 3600_000;
const intervalMs = 3600_000;

/** Forgets expired sessions and sign-in links and old idempotency keys, at start and hourly. */
export function startMaintenance(db: Db, clock: Clock): NodeJS.Timeout {
  const run = async () => {
    const now = clock.now();
    await pruneExpiredSessions(db, now);
    await pruneExpiredSignInLinks(db, now);
    await pruneIdempotencyKeys(db, new Date(now.getTime() - idempotencyRetentionMs));
  };
  // A missed clean-up is harmless and the next hour catches up: a database that blinks (a PostgreSQL
  // failover) must not take the instance down with an unhandled rejection.
  const runLogged = () => run().catch((err: unknown) => console.error('Maintenance failed', err));
  void runLogged();
  return setInterval(runLogged, intervalMs).unref();
}
