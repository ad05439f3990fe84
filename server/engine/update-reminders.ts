import { drillPrefix } from '../../shared/domain/drills';
import { effectiveCadenceMinutes, minutesText, reminderAfter } from '../../shared/domain/update-cadence';
import type { Clock } from '../clock';
import type { Db } from '../db/client';
import { appendEvents, updateIncidentRow, type NewTimelineEvent } from '../db/stores/incidents';
import { dueUpdateReminders } from '../db/stores/update-reminders';
import { userNames } from '../db/stores/users';
import { queueNotices } from './notices';
import { systemEvent } from './system-events';

const batchSize = 100;

/**
 * Engine module: an open incident with an update cadence and no status update for that long reminds its
 * communications lead, or its commander when there is none, by a high-urgency push notice, and records it on the
 * timeline; the next reminder is one cadence later. When nobody holds either role, the timeline says nobody could
 * be reminded. Returns the incidents it touched.
 */
export async function runUpdateReminders(db: Db, clock: Clock): Promise<string[]> {
  const now = clock.now();
  return db.transaction(async (tx) => {
    const due = await dueUpdateReminders(tx, now, batchSize);
    const events: NewTimelineEvent[] = [];
    const targets = due.map((incident) => incident.roles?.communications ?? incident.roles?.commander ?? null);
    const names = await userNames(tx, targets.filter((id): id is string => id !== null));
    for (const [i, incident] of due.entries()) {
      const cadence = effectiveCadenceMinutes(incident.severity, incident.updateCadenceMinutes);
      if (cadence === null || !incident.updateReminderAt) {
        await updateIncidentRow(tx, incident.id, { updateReminderAt: null });
        continue;
      }
      const since = Math.max(incident.detectedAt.getTime(), incident.lastStatusUpdateAt?.getTime() ?? 0);
      const minutes = Math.round((now.getTime() - since) / 60_000);
      const userId = targets[i];
      if (userId) {
        const text = `${drillPrefix(incident.drillId !== null)}No status update on #${incident.number} for ${minutesText(minutes)}: post one for stakeholders`;
        const url = `/incidents/${incident.id}`;
        const push = { type: 'notice' as const, incidentId: incident.id, title: text, body: incident.title, url, tag: `update-reminder-${incident.id}` };
        await queueNotices(tx, [{ userId, viaContactMethods: false }], push, null, 'high', now);
        events.push(systemEvent(incident.id, 'update_reminder', { userId, name: names.get(userId) ?? 'unknown user', minutes }, now));
      } else {
        events.push(systemEvent(incident.id, 'update_reminder', { userId: null, name: null, minutes, reason: 'nobody is communications lead or commander' }, now));
      }
      await updateIncidentRow(tx, incident.id, { updateReminderAt: reminderAfter(incident.updateReminderAt, cadence, now) });
    }
    await appendEvents(tx, events);
    return due.map((incident) => incident.id);
  });
}
