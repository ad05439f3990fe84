/** Who a schedule puts on call over the weeks the calendar shows, from the shared rotation code. */
import type { ScheduleOverride } from '../../../shared/api/schedules';
import { shiftsBetween, type OnCallSpan, type OverrideSpan, type ScheduleRules } from '../../../shared/domain/on-call';
import { calendarDays, calendarWindow, onCallSegments, type CalendarDay } from './calendar-days';

export function overrideSpans(overrides: ScheduleOverride[]): OverrideSpan[] {
  return overrides.map((override) => ({ userId: override.userId, start: new Date(override.start), end: new Date(override.end) }));
}

export interface SchedulePreview {
  spans: OnCallSpan[];
  days: CalendarDay[];
}

export function schedulePreview(rules: ScheduleRules, overrides: OverrideSpan[], now: Date, weeks: number): SchedulePreview {
  const { from, to } = calendarWindow(rules.timeZone, now, weeks * 7);
  const spans = shiftsBetween(rules, overrides, from, to);
  return { spans, days: calendarDays(onCallSegments(spans, overrides, from, to), rules.timeZone, from, to) };
}
