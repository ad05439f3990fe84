import type { Clock } from '../clock';
import type { Db } from '../db/client';
import { findIncident } from '../db/stores/incidents';
import { dueSnoozes } from '../db/stores/snoozes';
import { currentPlan, restartPaging, retrigger } from '../services/incidents/restart-paging';
import { recordSystemEvent } from './system-events';

const batchSize = 100;

/**
 * Engine module: an acknowledged incident whose snooze ran out is triggered again and paged from step 1 of what
 * paged it last. Its end is a durable due time (`snoozed_until`) the engine sleeps until, so a restart catches up
 * on it. Returns the incidents it re-triggered; their pages go out in the same run.
 */
export async function runSnoozes(db: Db, clock: Clock): Promise<string[]> {
  const touched: string[] = [];
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      const now = clock.now();
      const ended: string[] = [];
      for (const due of await dueSnoozes(tx, now, batchSize)) {
        const incident = (await findIncident(tx, due.id))!;
        const result = await retrigger(tx, incident, now);
        if (!result.ok) continue;
        await recordSystemEvent(tx, incident.id, 'snooze_ended', { until: due.snoozedUntil.toISOString(), from: result.from, ...(result.phase && { phase: result.phase }) }, now);
        await restartPaging(tx, incident.id, await currentPlan(tx, incident), now);
        ended.push(incident.id);
      }
      return ended;
    });
    touched.push(...batch);
    if (batch.length < batchSize) return touched;
  }
}
