import type { Incident } from '../../../shared/api/incidents';
import type { Review } from '../../../shared/api/review';
import { emptyReview } from '../../../shared/domain/review';
import type { Tx } from '../../db/client';
import { findIncident, timelineOf } from '../../db/stores/incidents';
import { actionItemsOf, findReview, linkedIncidentsOf } from '../../db/stores/reviews';
import { notFound } from '../../errors';
import { generateReviewTimeline } from './review-timeline';

const secondsBetween = (from: string, to: string | null) => (to === null ? null : Math.round((Date.parse(to) - Date.parse(from)) / 1000));

/** The incident, or 404: every review verb starts here. */
export async function incidentForReview(tx: Tx, incidentId: string, options: { lock?: boolean } = {}): Promise<Incident> {
  const incident = await findIncident(tx, incidentId, options);
  if (!incident) throw notFound(`incident ${incidentId}`);
  return incident;
}

/**
 * Both incidents of a link, locked in id order: two people linking the same pair from either side on two
 * instances then queue up instead of deadlocking. The incident the request names is checked first (404).
 */
export async function lockBoth(tx: Tx, incidentId: string, otherId: string): Promise<[Incident, Incident]> {
  await incidentForReview(tx, incidentId);
  const [first, second] = [incidentId, otherId].sort();
  const locked = new Map<string, Incident>();
  for (const id of [first, second]) locked.set(id, await incidentForReview(tx, id, { lock: true }));
  return [locked.get(incidentId)!, locked.get(otherId)!];
}

/** The review as the API answers it: what people wrote, plus what the incident's own record says. */
export async function reviewOf(tx: Tx, incidentId: string): Promise<Review> {
  const incident = await incidentForReview(tx, incidentId);
  const [stored, timeline, actionItems, linkedIncidents] = [
    await findReview(tx, incidentId),
    await timelineOf(tx, incidentId),
    await actionItemsOf(tx, incidentId),
    await linkedIncidentsOf(tx, incidentId),
  ];
  const content = stored?.content ?? emptyReview;
  return {
    incidentId,
    content,
    impact: {
      usersAffected: content.usersAffected,
      durationSeconds: secondsBetween(incident.startedAt, incident.resolvedAt),
      timeToMitigateSeconds: secondsBetween(incident.startedAt, incident.mitigatedAt),
      startedAt: incident.startedAt,
      detectedAt: incident.detectedAt,
      acknowledgedAt: incident.acknowledgedAt,
      mitigatedAt: incident.mitigatedAt,
      resolvedAt: incident.resolvedAt,
    },
    generatedTimeline: generateReviewTimeline(timeline),
    actionItems,
    linkedIncidents,
    completedAt: stored?.completedAt?.toISOString() ?? null,
    updatedAt: stored?.updatedAt.toISOString() ?? null,
    updatedBy: stored?.updatedBy && stored.updatedByName !== null ? { id: stored.updatedBy, name: stored.updatedByName } : null,
  };
}
