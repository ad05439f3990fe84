import { formatDuration } from '../../format/time';

/**
 * "Next update due in 30 min", "Update overdue by 5 min": minutes to the nearest one and seconds in the last
 * minute, so an update just posted on a 30-minute cadence reads "30 min" however late the clock last ticked.
 * Null without a due time.
 */
export function dueWording(nextUpdateDueAt: string | null, now: Date): { text: string; overdue: boolean } | null {
  if (!nextUpdateDueAt) return null;
  const ms = Date.parse(nextUpdateDueAt) - now.getTime();
  if (ms >= 1000) return { text: `Next update due in ${formatDuration(ms)}`, overdue: false };
  return { text: ms > -60_000 ? 'Update due now' : `Update overdue by ${formatDuration(-ms)}`, overdue: true };
}

/** Cadences offered in the app (any 5–1440 may be set through the API). */
export const cadenceChoices = [10, 15, 30, 60, 120, 240];
