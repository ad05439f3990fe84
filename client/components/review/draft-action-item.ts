import type { ActionItemStatus } from '../../../shared/domain/review';

/** An action item as the review editor keeps it until Save; one without id is created by the save. */
export interface DraftActionItem {
  id?: string;
  title: string;
  ownerId: string | null;
  dueDate: string | null;
  status: ActionItemStatus;
}
