import type { Actor, TimelineEvent } from '../../../shared/api/incidents';
import type { Db } from '../../db/client';
import { appendTimelineEvent, findIncident, updateIncidentRow } from '../../db/stores/incidents';
import { notFound } from '../../errors';

export function addNote(db: Db, incidentId: string, text: string, actor: Actor, now: Date): TimelineEvent {
  return db.transaction((tx) => {
    if (!findIncident(tx, incidentId)) throw notFound(`incident ${incidentId}`);
    updateIncidentRow(tx, incidentId, { updatedAt: now });
    return appendTimelineEvent(tx, incidentId, { type: 'note', actor, data: { text } }, now);
  });
}
