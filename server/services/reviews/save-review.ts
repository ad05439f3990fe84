import type { Actor } from '../../../shared/api/incidents';
import type { Review, saveReviewRequest } from '../../../shared/api/review';
import type { z } from 'zod';
import { actionItemIdsOf, deleteActionItems, findReview, insertActionItem, updateActionItem, upsertReview } from '../../db/stores/reviews';
import { badRequest, conflict } from '../../errors';
import { afterIncidentCommit, type Runtime } from '../../runtime';
import { checkOwner, refuseBlame } from './check-review-input';
import { incidentForReview, reviewOf } from './review-of';

/**
 * Saves what people wrote and the action items as a whole: items without id are created, with id updated,
 * and the incident's other items deleted. `baseUpdatedAt` (the version the editor started from) older than the
 * stored one is refused, so two phones editing at once do not overwrite each other silently.
 */
export async function saveReview(rt: Runtime, incidentId: string, body: z.output<typeof saveReviewRequest>, actor: Actor): Promise<Review> {
  const now = rt.clock.now();
  const review = await rt.db.transaction(async (tx) => {
    await incidentForReview(tx, incidentId, { lock: true });
    const stored = await findReview(tx, incidentId, { lock: true });
    if (stored && body.baseUpdatedAt !== undefined && (body.baseUpdatedAt === null || Date.parse(body.baseUpdatedAt) < stored.updatedAt.getTime())) {
      const who = stored.updatedByName ?? 'someone';
      throw conflict(`${who} saved this review at ${stored.updatedAt.toISOString()} after you opened it; reload to see their version before saving yours`);
    }
    if (stored?.completedAt) throw conflict('the review is completed; reopen it to edit');
    await refuseBlame(tx, body.content.contributingFactors);
    await upsertReview(tx, incidentId, { content: body.content, updatedAt: now, updatedBy: actor.id });
    if (body.actionItems) {
      const existing = new Set(await actionItemIdsOf(tx, incidentId));
      const kept = new Set<string>();
      for (const [position, item] of body.actionItems.entries()) {
        await checkOwner(tx, item.ownerId, `actionItems.${position}.ownerId`);
        const values = { title: item.title, ownerId: item.ownerId ?? null, dueDate: item.dueDate ?? null, status: item.status, position };
        if (item.id === undefined) {
          await insertActionItem(tx, { ...values, id: crypto.randomUUID(), incidentId, now });
        } else {
          if (!existing.has(item.id)) throw badRequest(`actionItems.${position}.id: this incident has no action item ${item.id}`);
          kept.add(item.id);
          await updateActionItem(tx, item.id, { ...values, updatedAt: now });
        }
      }
      await deleteActionItems(tx, [...existing].filter((id) => !kept.has(id)));
    }
    return reviewOf(tx, incidentId);
  });
  afterIncidentCommit(rt, incidentId, 'review_saved');
  return review;
}
