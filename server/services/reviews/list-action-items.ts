import type { ActionItemAcrossIncidents } from '../../../shared/api/review';
import { actionItemOverdue, compareActionItems, type ActionItemStatus } from '../../../shared/domain/review';
import type { Tx } from '../../db/client';
import { listActionItems } from '../../db/stores/reviews';

/** The UTC calendar day of `now`, as due dates are written. */
export const dayOf = (now: Date) => now.toISOString().slice(0, 10);

/** Action items across incidents, overdue first, then by due date, undated last. */
export async function actionItemsAcrossIncidents(tx: Tx, status: ActionItemStatus | undefined, now: Date): Promise<ActionItemAcrossIncidents[]> {
  const today = dayOf(now);
  const items = (await listActionItems(tx, { status })).map((item) => ({ ...item, overdue: actionItemOverdue(item, today) }));
  return items.sort(compareActionItems(today));
}
