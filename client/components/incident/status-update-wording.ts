import { minutesText } from '../../../shared/domain/update-cadence';

/** "Next update due in 12 min", or "Update overdue by 5 min"; null without a due time. */
export function dueWording(nextUpdateDueAt: string | null, now: Date): { text: string; overdue: boolean } | null {
  if (!nextUpdateDueAt) return null;
  const minutes = Math.ceil((Date.parse(nextUpdateDueAt) - now.getTime()) / 60_000);
  if (minutes > 0) return { text: `Next update due in ${minutesText(minutes)}`, overdue: false };
  return { text: minutes === 0 ? 'Update due now' : `Update overdue by ${minutesText(-minutes)}`, overdue: true };
}

/** Cadences offered in the app (any 5–1440 may be set through the API). */
export const cadenceChoices = [10, 15, 30, 60, 120, 240];
