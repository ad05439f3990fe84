import type { Actor, TimelineEvent } from '../../../shared/api/incidents';
import { appendEvent, findIncident, updateIncidentRow } from '../../db/stores/incidents';
import { notFound } from '../../errors';
import { afterIncidentCommit, type Runtime } from '../../runtime';

export async function addNote(rt: Runtime, incidentId: string, text: string, actor: Actor): Promise<TimelineEvent> {
  const now = rt.clock.now();
  const result = await rt.db.transaction(async (tx) => {
    if (!(await findIncident(tx, incidentId))) throw notFound(`incident ${incidentId}`);
    await updateIncidentRow(tx, incidentId, { updatedAt: now });
    return appendEvent(tx, incidentId, { type: 'note', at: now, actor, data: { text } });
  });
  afterIncidentCommit(rt, incidentId, 'note');
  return result;
}
