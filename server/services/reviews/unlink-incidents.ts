import type { Actor } from '../../../shared/api/incidents';
import { appendEvent, updateIncidentRow } from '../../db/stores/incidents';
import { deleteLink, findLink } from '../../db/stores/reviews';
import { notFound } from '../../errors';
import { afterIncidentCommit, type Runtime } from '../../runtime';
import { lockBoth } from './review-of';

/** Removes the link both ways, recorded on both timelines. */
export async function unlinkIncidents(rt: Runtime, incidentId: string, linkedId: string, actor: Actor): Promise<void> {
  const now = rt.clock.now();
  await rt.db.transaction(async (tx) => {
    const [incident, other] = await lockBoth(tx, incidentId, linkedId);
    if (!(await findLink(tx, incidentId, linkedId))) throw notFound(`a link from incident #${incident.number} to #${other.number}`);
    await deleteLink(tx, incidentId, linkedId);
    for (const [from, to] of [[incident, other], [other, incident]]) {
      await updateIncidentRow(tx, from.id, { updatedAt: now });
      await appendEvent(tx, from.id, { type: 'incident_unlinked', at: now, actor, data: { incidentId: to.id, number: to.number, title: to.title } });
    }
  });
  afterIncidentCommit(rt, incidentId, 'incident_unlinked');
  afterIncidentCommit(rt, linkedId, 'incident_unlinked');
}
