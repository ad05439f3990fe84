import type { Actor, TimelineEvent } from '../../../shared/api/incidents';
import type { StatusUpdateAudience } from '../../../shared/domain/incident-roles';
import { drillPrefix } from '../../../shared/domain/drills';
import { nextUpdateDueAt } from '../../../shared/domain/update-cadence';
import { appendEvent, updateIncidentRow } from '../../db/stores/incidents';
import { findCadenceRow } from '../../db/stores/update-reminders';
import { queueNotices } from '../../engine/notices';
import { notFound } from '../../errors';
import { afterIncidentCommit, type Runtime } from '../../runtime';
import { statusUpdateRecipients } from './update-audience';

/**
 * Posts a status update: on the timeline, to the incident's followers (push notices, and their contact methods
 * where they asked; on a drill's incident only its participants, marked DRILL), and the update cadence's clock
 * starts again.
 */
export async function postStatusUpdate(rt: Runtime, incidentId: string, update: { text: string; audience: StatusUpdateAudience }, actor: Actor): Promise<TimelineEvent> {
  const now = rt.clock.now();
  const event = await rt.db.transaction(async (tx) => {
    const incident = await findCadenceRow(tx, incidentId, { lock: true });
    if (!incident) throw notFound(`incident ${incidentId}`);
    const dueAt = nextUpdateDueAt({ ...incident, lastStatusUpdateAt: now });
    await updateIncidentRow(tx, incidentId, { updatedAt: now, lastStatusUpdateAt: now, updateReminderAt: dueAt });
    const event = await appendEvent(tx, incidentId, { type: 'status_update', at: now, actor, data: { text: update.text, audience: update.audience } });
    const recipients = await statusUpdateRecipients(tx, incident, update.audience, actor.id);
    const url = `/incidents/${incidentId}`;
    const drill = incident.drillId !== null;
    await queueNotices(
      tx,
      recipients,
      { type: 'notice', incidentId, title: `${drillPrefix(drill)}Update on #${incident.number} · ${incident.serviceName}`, body: update.text, url, tag: `update-${event.id}` },
      {
        incidentId,
        number: incident.number,
        title: incident.title,
        severity: incident.severity,
        service: incident.serviceName,
        text: update.text,
        audience: update.audience,
        author: actor.name,
        incidentUrl: url,
        drill,
      },
      'normal',
      now,
    );
    return event;
  });
  afterIncidentCommit(rt, incidentId, 'status_update');
  return event;
}
