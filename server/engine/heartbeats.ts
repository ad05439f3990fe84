import type { Clock } from '../clock';
import type { Db } from '../db/client';
import { dueHeartbeats, updateHeartbeat } from '../db/stores/heartbeats';
import { heartbeatAlert } from '../detection/heartbeats';
import { applyAlertEvent, lockService } from '../detection/ingest';

const batchSize = 100;

/**
 * Engine module: a heartbeat whose interval ran out without a ping opens its incident through the same path
 * as any alert. Its expiry is a durable due time like an escalation step, so a restart catches up on it.
 * Returns the incidents it opened, to be paged in the same run.
 */
export async function runHeartbeats(db: Db, clock: Clock): Promise<string[]> {
  const now = clock.now();
  return db.transaction(async (tx) => {
    const touched: string[] = [];
    for (const heartbeat of await dueHeartbeats(tx, now, batchSize)) {
      await updateHeartbeat(tx, heartbeat.id, { status: 'expired', expiresAt: null });
      const scope = await lockService(tx, heartbeat.serviceId);
      // An archived service opens no new incidents, a missed heartbeat's included.
      if (!scope || scope.service.archivedAt) continue;
      const { incidentId } = await applyAlertEvent(tx, scope, heartbeatAlert(heartbeat, 'trigger'), now);
      if (incidentId) touched.push(incidentId);
    }
    return touched;
  });
}
