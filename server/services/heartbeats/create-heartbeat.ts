import { randomAlphanumeric } from '../../auth/secrets';
import type { Db } from '../../db/client';
import { insertHeartbeat, type HeartbeatRow } from '../../db/stores/heartbeats';
import { findService } from '../../db/stores/services';
import { notFound } from '../../errors';

/** A new heartbeat waits for its first ping before it can expire: a job not deployed yet pages nobody. */
export async function createHeartbeat(db: Db, serviceId: string, input: { name: string; intervalSeconds: number }, now: Date): Promise<HeartbeatRow> {
  return db.transaction(async (tx) => {
    if (!(await findService(tx, serviceId))) throw notFound(`service ${serviceId}`);
    return insertHeartbeat(tx, {
      id: crypto.randomUUID(),
      serviceId,
      name: input.name,
      intervalSeconds: input.intervalSeconds,
      token: randomAlphanumeric(32),
      status: 'pending',
      createdAt: now,
    });
  });
}
