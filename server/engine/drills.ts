import { drillPrefix } from '../../shared/domain/drills';
import type { Clock } from '../clock';
import type { Db, Tx } from '../db/client';
import type { DrillRow } from '../db/schema/index';
import { claimDueDrill, dueDrillReminders, dueDrills, updateDrillRow } from '../db/stores/drills';
import { findIncident } from '../db/stores/incidents';
import { beginDrill, playDueInjects } from '../services/drills/run-drill';
import { queueNotices } from './notices';

const batchSize = 100;

/** "in 1 h 30 min", "in 15 min", "now": how far off a drill is, for its reminder. */
function startsIn(drill: DrillRow, now: Date): string {
  const minutes = Math.round((drill.startsAt.getTime() - now.getTime()) / 60_000);
  if (minutes <= 0) return 'now';
  const hours = Math.floor(minutes / 60);
  return `in ${[hours > 0 && `${hours} h`, minutes % 60 > 0 && `${minutes % 60} min`].filter(Boolean).join(' ')}`;
}

/**
 * A scheduled drill's reminder: a push notice to each participant (or to whoever planned it, when the drill pages
 * the whole chain and nobody is named), marked DRILL like everything a drill sends.
 */
async function remind(tx: Tx, drill: DrillRow, now: Date): Promise<void> {
  // Overdue past the start (the process was down): the drill pages them in this same run, which says it all.
  if (drill.startsAt <= now) return updateDrillRow(tx, drill.id, { remindAt: null });
  const people = drill.participants ?? (drill.createdBy ? [drill.createdBy] : []);
  const title = `${drillPrefix(true)}Game day ${startsIn(drill, now)}: ${drill.name}`;
  const body = `${drill.title}. Muster will page you for real; acknowledge as you would any page.`;
  const push = { type: 'notice' as const, incidentId: null, title, body, url: `/drills/${drill.id}`, tag: `drill-reminder-${drill.id}` };
  await queueNotices(tx, people.map((userId) => ({ userId, viaContactMethods: false })), push, null, 'normal', now);
  await updateDrillRow(tx, drill.id, { remindAt: null });
}

/**
 * Engine module: reminds participants of scheduled drills, starts drills whose time has come, and plays the
 * injects that fell due. Every due time is a column the engine sleeps until (`remind_at`, `due_at`), so a
 * restart catches up and no inject is lost. Returns the incidents it touched.
 */
export async function runDrills(db: Db, clock: Clock): Promise<string[]> {
  const touched: string[] = [];
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      const now = clock.now();
      const reminders = await dueDrillReminders(tx, now, batchSize);
      for (const drill of reminders) await remind(tx, drill, now);
      const due = await dueDrills(tx, now, batchSize);
      const incidents: string[] = [];
      for (const { id, incidentId } of due) {
        // Incident first, then drill, as a resolve locks them: the other order deadlocks with a responder's resolve.
        if (incidentId) await findIncident(tx, incidentId, { lock: true });
        const drill = await claimDueDrill(tx, id, now);
        if (!drill) continue;
        if (drill.status === 'scheduled') incidents.push(await beginDrill(tx, drill, now));
        else incidents.push((await playDueInjects(tx, drill, now)).incidentId!);
      }
      return { incidents, count: Math.max(reminders.length, due.length) };
    });
    touched.push(...batch.incidents);
    if (batch.count < batchSize) return touched;
  }
}
