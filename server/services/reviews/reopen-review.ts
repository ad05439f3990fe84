import type { Actor } from '../../../shared/api/incidents';
import type { Review } from '../../../shared/api/review';
import { appendEvent, updateIncidentRow } from '../../db/stores/incidents';
import { findReview, setReviewCompletedAt } from '../../db/stores/reviews';
import { conflict } from '../../errors';
import { afterIncidentCommit, type Runtime } from '../../runtime';
import { incidentForReview, reviewOf } from './review-of';

/** Opens a completed review for editing again; the incident no longer counts as reviewed until it is completed again. */
export async function reopenReview(rt: Runtime, incidentId: string, actor: Actor): Promise<Review> {
  const now = rt.clock.now();
  const review = await rt.db.transaction(async (tx) => {
    const incident = await incidentForReview(tx, incidentId, { lock: true });
    const stored = await findReview(tx, incidentId, { lock: true });
    if (!stored?.completedAt) throw conflict(`the review of incident #${incident.number} is not completed`);
    await setReviewCompletedAt(tx, incidentId, null, now, actor.id);
    await updateIncidentRow(tx, incidentId, { reviewCompletedAt: null, updatedAt: now });
    await appendEvent(tx, incidentId, { type: 'review_reopened', at: now, actor, data: {} });
    return reviewOf(tx, incidentId);
  });
  afterIncidentCommit(rt, incidentId, 'review_reopened');
  return review;
}
