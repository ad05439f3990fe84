import { findHeartbeatByToken, updateHeartbeat } from '../../db/stores/heartbeats';
import { heartbeatAlert } from '../../detection/heartbeats';
import { announce, applyAlertEvent, lockService, type IngestResult } from '../../detection/ingest';
import { notFound } from '../../errors';
import type { Runtime } from '../../runtime';

/**
 * A monitored job says it is alive: the heartbeat's expiry moves one interval on, and an expired heartbeat's
 * incident resolves. A first ping arms the heartbeat, so the engine is woken to sleep until its expiry.
 */
export async function recordPing(rt: Runtime, token: string): Promise<void> {
  const now = rt.clock.now();
  const { wasUp, results } = await rt.db.transaction(async (tx) => {
    const heartbeat = await findHeartbeatByToken(tx, token);
    if (!heartbeat) throw notFound('heartbeat');
    await updateHeartbeat(tx, heartbeat.id, { status: 'up', lastPingAt: now, expiresAt: new Date(now.getTime() + heartbeat.intervalSeconds * 1000) });
    const results: IngestResult[] = [];
    if (heartbeat.status === 'expired') {
      const scope = await lockService(tx, heartbeat.serviceId);
      if (scope) results.push(await applyAlertEvent(tx, scope, heartbeatAlert(heartbeat, 'resolve'), now));
    }
    return { wasUp: heartbeat.status === 'up', results };
  });
  announce(rt, results);
  if (!wasUp) rt.wakeEngine();
}
