/**
 * The schedule calendar: who is on call when, day by day in the schedule's zone, with the hours nobody is on call
 * as entries of their own (they are what the calendar is for). Fed by the shared `shiftsBetween`.
 */
import type { OnCallSpan, OverrideSpan } from '../../../shared/domain/on-call';
import { localDayOf, zonedInstant } from '../../../shared/domain/rotation-local-time';
import { clockIn, dateOfDay } from './zone-time';

export interface OnCallSegment {
  start: Date;
  end: Date;
  /** Empty: nobody is on call. */
  userIds: string[];
  /** An override decides this time, not the rotation. */
  override: boolean;
}

export interface CalendarEntry {
  segment: OnCallSegment;
  /** 'HH:MM' in the schedule's zone, where the entry starts on this day. */
  from: string;
  /** 'HH:MM', or '24:00' for an entry that runs to the end of the day. */
  to: string;
}

export interface CalendarDay {
  /** 'YYYY-MM-DD' in the schedule's zone. */
  date: string;
  /** Day number, for naming the day. */
  day: number;
  entries: CalendarEntry[];
}

/** From now to the end of the `days`th local day: the window the calendar shows. */
export function calendarWindow(zone: string, now: Date, days: number): { from: Date; to: Date } {
  return { from: now, to: zonedInstant(zone, localDayOf(zone, now) + days, 0) };
}

const sameUsers = (a: string[], b: string[]) => a.length === b.length && a.every((userId, i) => userId === b[i]);

/** [from, to) cut wherever who is on call changes: every instant is in exactly one segment. */
export function onCallSegments(spans: OnCallSpan[], overrides: OverrideSpan[], from: Date, to: Date): OnCallSegment[] {
  const inside = (at: number) => at > from.getTime() && at < to.getTime();
  // Override edges too: an override for whoever the rotation already has on call changes no span, but is shown.
  const changes = [...spans, ...overrides].flatMap((span) => [span.start.getTime(), span.end.getTime()]).filter(inside);
  const edges = [...new Set([from.getTime(), to.getTime(), ...changes])].sort((a, b) => a - b);
  const segments: OnCallSegment[] = [];
  for (let i = 0; i < edges.length - 1; i++) {
    const at = edges[i];
    const covers = (span: { start: Date; end: Date }) => span.start.getTime() <= at && at < span.end.getTime();
    const userIds = spans.filter(covers).map((span) => span.userId);
    const override = userIds.length > 0 && overrides.some(covers);
    const last = segments.at(-1);
    if (last && last.override === override && sameUsers(last.userIds, userIds)) last.end = new Date(edges[i + 1]);
    else segments.push({ start: new Date(at), end: new Date(edges[i + 1]), userIds, override });
  }
  return segments;
}

/** The segments day by day in `zone`; one that crosses midnight shows on both days. */
export function calendarDays(segments: OnCallSegment[], zone: string, from: Date, to: Date): CalendarDay[] {
  const days: CalendarDay[] = [];
  const lastDay = localDayOf(zone, new Date(to.getTime() - 1));
  for (let day = localDayOf(zone, from); day <= lastDay; day++) {
    const dayStart = Math.max(from.getTime(), zonedInstant(zone, day, 0).getTime());
    const nextMidnight = zonedInstant(zone, day + 1, 0).getTime();
    const entries = segments
      .filter((segment) => segment.start.getTime() < nextMidnight && segment.end.getTime() > dayStart)
      .map((segment) => ({
        segment,
        from: clockIn(zone, new Date(Math.max(segment.start.getTime(), dayStart))),
        to: segment.end.getTime() >= nextMidnight ? '24:00' : clockIn(zone, segment.end),
      }));
    days.push({ date: dateOfDay(day), day, entries });
  }
  return days;
}
