import type { ActionItemAcrossIncidents, updateActionItemRequest } from '../../../shared/api/review';
import type { z } from 'zod';
import { actionItemOverdue } from '../../../shared/domain/review';
import { listActionItems, updateActionItem } from '../../db/stores/reviews';
import { notFound } from '../../errors';
import { afterIncidentCommit, type Runtime } from '../../runtime';
import { checkOwner } from './check-review-input';
import { dayOf } from './list-action-items';

/** One action item changed on its own (ticked done from the list), without rewriting the whole review. */
export async function changeActionItem(rt: Runtime, id: string, changes: z.output<typeof updateActionItemRequest>): Promise<ActionItemAcrossIncidents> {
  const now = rt.clock.now();
  const item = await rt.db.transaction(async (tx) => {
    const [before] = await listActionItems(tx, { id });
    if (!before) throw notFound(`action item ${id}`);
    await checkOwner(tx, changes.ownerId, 'ownerId');
    await updateActionItem(tx, id, { ...changes, updatedAt: now });
    const [after] = await listActionItems(tx, { id });
    return { ...after, overdue: actionItemOverdue(after, dayOf(now)) };
  });
  afterIncidentCommit(rt, item.incidentId, 'action_item_changed');
  return item;
}
