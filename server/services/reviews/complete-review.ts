import { isOpen } from '../../../shared/domain/lifecycle';
import type { Actor } from '../../../shared/api/incidents';
import type { Review } from '../../../shared/api/review';
import { incidentPhases, movePhase } from '../../../shared/domain/phases';
import { emptyReview, reviewMissing } from '../../../shared/domain/review';
import { appendEvent, updateIncidentRow } from '../../db/stores/incidents';
import { findReview, setReviewCompletedAt } from '../../db/stores/reviews';
import { badRequest, conflict } from '../../errors';
import { afterIncidentCommit, type Runtime } from '../../runtime';
import { incidentForReview, reviewOf } from './review-of';

/**
 * Completes the review of a resolved incident: it needs a summary and a contributing factor. The incident keeps
 * the time (closing a SEV-1/SEV-2 reads it) and moves on to the review phase if it was earlier.
 */
export async function completeReview(rt: Runtime, incidentId: string, actor: Actor): Promise<Review> {
  const now = rt.clock.now();
  const review = await rt.db.transaction(async (tx) => {
    const incident = await incidentForReview(tx, incidentId, { lock: true });
    const stored = await findReview(tx, incidentId, { lock: true });
    if (stored?.completedAt) throw conflict(`the review of incident #${incident.number} is already completed`);
    const missing = reviewMissing(stored?.content ?? emptyReview);
    if (missing.length) throw badRequest(`the review needs ${missing.join(' and ')} before it can be completed`);
    if (isOpen(incident.status)) throw conflict(`resolve incident #${incident.number} before completing its review`);
    const earlier = incidentPhases.indexOf(incident.phase) < incidentPhases.indexOf('review');
    const move = earlier ? movePhase(incident, 'review') : null;
    if (move && !move.ok) throw conflict(move.reason);
    await setReviewCompletedAt(tx, incidentId, now, now, actor.id);
    await updateIncidentRow(tx, incidentId, { reviewCompletedAt: now, updatedAt: now, ...(move?.ok && { phase: move.to }) });
    await appendEvent(tx, incidentId, { type: 'review_completed', at: now, actor, data: move?.ok ? { phase: { from: move.from, to: move.to } } : {} });
    return reviewOf(tx, incidentId);
  });
  afterIncidentCommit(rt, incidentId, 'review_completed');
  return review;
}
