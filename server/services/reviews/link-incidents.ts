import type { Actor } from '../../../shared/api/incidents';
import type { LinkedIncident, linkIncidentRequest } from '../../../shared/api/review';
import type { z } from 'zod';
import { appendEvent, updateIncidentRow } from '../../db/stores/incidents';
import { findIncidentIdByNumber, findLink, linkedIncidentsOf, upsertLink } from '../../db/stores/reviews';
import { badRequest, notFound } from '../../errors';
import { afterIncidentCommit, type Runtime } from '../../runtime';
import { lockBoth } from './review-of';

/**
 * Links two incidents (problem management: the same cause, or related), recorded on both timelines. Linking
 * again with another kind changes the kind; the same kind again changes nothing.
 */
export async function linkIncidents(rt: Runtime, incidentId: string, body: z.output<typeof linkIncidentRequest>, actor: Actor): Promise<LinkedIncident[]> {
  const now = rt.clock.now();
  const result = await rt.db.transaction(async (tx) => {
    const otherId = body.incidentId ?? (await findIncidentIdByNumber(tx, body.number!));
    if (!otherId) throw notFound(`incident #${body.number}`);
    if (otherId === incidentId) throw badRequest('incidentId: an incident cannot be linked to itself');
    const [incident, other] = await lockBoth(tx, incidentId, otherId);
    const existing = await findLink(tx, incidentId, otherId);
    if (existing?.kind !== body.kind) {
      await upsertLink(tx, incidentId, otherId, body.kind, now, actor.id);
      for (const [from, to] of [[incident, other], [other, incident]]) {
        await updateIncidentRow(tx, from.id, { updatedAt: now });
        await appendEvent(tx, from.id, {
          type: 'incident_linked',
          at: now,
          actor,
          data: { incidentId: to.id, number: to.number, title: to.title, kind: body.kind, ...(existing && { from: existing.kind }) },
        });
      }
    }
    return { list: await linkedIncidentsOf(tx, incidentId), otherId: other.id };
  });
  afterIncidentCommit(rt, incidentId, 'incident_linked');
  afterIncidentCommit(rt, result.otherId, 'incident_linked');
  return result.list;
}
