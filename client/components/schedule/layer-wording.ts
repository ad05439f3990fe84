/** A layer in plain words, for the people who read a schedule rather than edit it (and as a check for those who do). */
import type { RotationLayer, RestrictionWindow } from '../../../shared/domain/rotation';
import { parseLocalDate, weekdayOf, weekdays, type Weekday } from '../../../shared/domain/rotation-local-time';
import { dayLabel } from './zone-time';

export const weekdayShort: Record<Weekday, string> = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' };
const weekdayPlural: Record<Weekday, string> = { mon: 'Mondays', tue: 'Tuesdays', wed: 'Wednesdays', thu: 'Thursdays', fri: 'Fridays', sat: 'Saturdays', sun: 'Sundays' };

const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? '' : 's'}`;

/** "Weekly, handing off on Mondays at 09:00, from Mon, Mar 2". */
export function rotationWording(layer: Pick<RotationLayer, 'startDate' | 'handoffTime' | 'shift'>, locale?: string): string {
  const { length, unit } = layer.shift;
  const firstDay = parseLocalDate(layer.startDate);
  const from = `from ${dayLabel(firstDay, locale)}`;
  if (unit === 'hours') return `Every ${plural(length, 'hour')}, first hand-off at ${layer.handoffTime} ${from}`;
  if (unit === 'days') return `${length === 1 ? 'Daily' : `Every ${plural(length, 'day')}`}, handing off at ${layer.handoffTime}, ${from}`;
  const on = `on ${weekdayPlural[weekdayOf(firstDay)]} at ${layer.handoffTime}`;
  return `${length === 1 ? 'Weekly' : `Every ${plural(length, 'week')}`}, handing off ${on}, ${from}`;
}

/** "Mon–Fri", "Mon, Wed, Fri", "Every day": runs of three or more days read as a range. */
export function daysWording(days: readonly Weekday[]): string {
  const picked = weekdays.filter((day) => days.includes(day));
  if (picked.length === 7) return 'Every day';
  const runs: Weekday[][] = [];
  for (const day of picked) {
    const run = runs.at(-1);
    if (run && weekdays.indexOf(run.at(-1)!) === weekdays.indexOf(day) - 1) run.push(day);
    else runs.push([day]);
  }
  return runs
    .flatMap((run) => (run.length >= 3 ? [`${weekdayShort[run[0]]}–${weekdayShort[run.at(-1)!]}`] : run.map((day) => weekdayShort[day])))
    .join(', ');
}

/** "Mon–Fri 09:00–17:00"; a window past midnight says so. */
export function restrictionWording(window: RestrictionWindow): string {
  const overnight = window.end <= window.start ? ' (next day)' : '';
  return `${daysWording(window.days)} ${window.start}–${window.end}${overnight}`;
}
