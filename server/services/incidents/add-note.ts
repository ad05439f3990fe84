import type { Actor, TimelineEvent } from '../../../shared/api/incidents';
import { appendTimelineEvent, findIncident, updateIncidentRow } from '../../db/stores/incidents';
import { notFound } from '../../errors';
import { afterIncidentCommit, type Runtime } from '../../runtime';

export function addNote(rt: Runtime, incidentId: string, text: string, actor: Actor): TimelineEvent {
  const now = rt.clock.now();
  const result = rt.db.transaction((tx) => {
    if (!findIncident(tx, incidentId)) throw notFound(`incident ${incidentId}`);
    updateIncidentRow(tx, incidentId, { updatedAt: now });
    return appendTimelineEvent(tx, incidentId, { type: 'note', actor, data: { text } }, now);
  });
  afterIncidentCommit(rt, incidentId, 'note');
  return result;
}
