import { drillPrefix } from '../../shared/domain/drills';
import type { Clock } from '../clock';
import type { Db, Tx } from '../db/client';
import type { DrillRow } from '../db/schema/index';
import { claimDueDrill, claimDueReminder, dueDrillReminders, dueDrills, postponeDrill, updateDrillRow } from '../db/stores/drills';
import { findIncident } from '../db/stores/incidents';
import { findService } from '../db/stores/services';
import { beginDrill, playDueInjects } from '../services/drills/run-drill';
import { queueNotices } from './notices';

const batchSize = 100;

/** A drill the engine failed to play is tried again this much later: never in a tight loop, never holding up real pages. */
export const drillRetryMs = 30_000;

/** "in 1 h 30 min", "in 15 min", "now": how far off a drill is, for its reminder. */
function startsIn(drill: DrillRow, now: Date): string {
  const minutes = Math.round((drill.startsAt.getTime() - now.getTime()) / 60_000);
  if (minutes <= 0) return 'now';
  const hours = Math.floor(minutes / 60);
  return `in ${[hours > 0 && `${hours} h`, minutes % 60 > 0 && `${minutes % 60} min`].filter(Boolean).join(' ')}`;
}

/** Who hears about a scheduled drill before it pages: its participants, or whoever planned a whole-chain drill. */
const peopleToTell = (drill: DrillRow) => drill.participants ?? (drill.createdBy ? [drill.createdBy] : []);

/** A push notice about a scheduled drill to its people, marked DRILL like everything a drill sends. */
async function tell(tx: Tx, drill: DrillRow, now: Date, notice: { title: string; body: string; tag: string }): Promise<void> {
  const push = { type: 'notice' as const, incidentId: null, title: `${drillPrefix(true)}${notice.title}`, body: notice.body, url: `/drills/${drill.id}`, tag: notice.tag };
  await queueNotices(tx, peopleToTell(drill).map((userId) => ({ userId, viaContactMethods: false })), push, null, 'normal', now);
}

/** A scheduled drill's reminder, `remindMinutesBefore` its start. */
async function remind(tx: Tx, drill: DrillRow, now: Date): Promise<void> {
  // Overdue past the start (the process was down): the drill pages them in this same run, which says it all.
  if (drill.startsAt > now) {
    const body = `${drill.title}. Muster will page you for real; acknowledge as you would any page.`;
    await tell(tx, drill, now, { title: `Game day ${startsIn(drill, now)}: ${drill.name}`, body, tag: `drill-reminder-${drill.id}` });
  }
  await updateDrillRow(tx, drill.id, { remindAt: null });
}

/**
 * Starts a scheduled drill, unless its service was archived since it was planned: an archived service opens no
 * incidents (POST /drills refuses such a drill outright), so the drill is called off and its people told.
 */
async function startScheduled(tx: Tx, drill: DrillRow, now: Date): Promise<string | null> {
  const service = await findService(tx, drill.serviceId);
  if (!service?.archivedAt) return beginDrill(tx, drill, now);
  await updateDrillRow(tx, drill.id, { status: 'aborted', endedAt: now, dueAt: null, remindAt: null });
  const body = `${service.name} has been archived since this drill was planned; restore it and plan the drill again.`;
  await tell(tx, drill, now, { title: `Game day cancelled: ${drill.name}`, body, tag: `drill-reminder-${drill.id}` });
  return null;
}

/**
 * One drill's work in its own transaction. A drill that fails (a bug, a row it cannot play) is logged and put off
 * by `drillRetryMs`: it must never stop the engine's run, which pages real incidents right after this module.
 */
async function isolated(db: Db, clock: Clock, drillId: string, work: (tx: Tx) => Promise<string | null>): Promise<string | null> {
  try {
    return await db.transaction(work);
  } catch (err) {
    console.error(`Drill ${drillId} failed; trying again in ${drillRetryMs / 1000} s:`, err);
    await db.transaction((tx) => postponeDrill(tx, drillId, new Date(clock.now().getTime() + drillRetryMs)));
    return null;
  }
}

/**
 * Engine module: reminds participants of scheduled drills, starts drills whose time has come, and plays the
 * injects that fell due. Every due time is a column the engine sleeps until (`remind_at`, `due_at`), so a
 * restart catches up and no inject is lost. Returns the incidents it touched.
 */
export async function runDrills(db: Db, clock: Clock): Promise<string[]> {
  const touched: string[] = [];
  for (;;) {
    const now = clock.now();
    const { reminders, due } = await db.transaction(async (tx) => ({ reminders: await dueDrillReminders(tx, now, batchSize), due: await dueDrills(tx, now, batchSize) }));
    for (const id of reminders) {
      await isolated(db, clock, id, async (tx) => {
        const drill = await claimDueReminder(tx, id, now);
        if (drill) await remind(tx, drill, now);
        return null;
      });
    }
    for (const { id, incidentId } of due) {
      const incident = await isolated(db, clock, id, async (tx) => {
        // Incident first, then drill, as a resolve locks them: the other order deadlocks with a responder's resolve.
        if (incidentId) await findIncident(tx, incidentId, { lock: true });
        const drill = await claimDueDrill(tx, id, now);
        if (!drill) return null;
        return drill.status === 'scheduled' ? startScheduled(tx, drill, now) : (await playDueInjects(tx, drill, now)).incidentId;
      });
      if (incident) touched.push(incident);
    }
    if (Math.max(reminders.length, due.length) < batchSize) return touched;
  }
}
