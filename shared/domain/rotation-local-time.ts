/**
 * Wall-clock time in a named zone, for rotation math.
 *
 * Local dates are "day numbers" (days since 1970-01-01 on the calendar, zone-free), so
 * adding N calendar days is plain addition. Zone data comes from @date-fns/tz's
 * `tzOffset` (Intl underneath, so it runs in Node, the browser and the service worker);
 * turning a wall time into an instant follows Temporal's candidate-offset rule, with
 * the two choices rotations need spelled out here rather than left to a library:
 *   - a wall time skipped by a spring-forward gap maps to the first instant after the
 *     gap (02:30 on the New York spring-forward day → 03:00 EDT): the handoff happens as
 *     soon as the clock has passed the requested time;
 *   - a wall time repeated by a fall-back overlap maps to its earlier occurrence, so a
 *     01:30 handoff on the New York fall-back day happens once, at 01:30 EDT.
 */
import { tzOffset } from '@date-fns/tz';

const SECOND_MS = 1_000;
const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

/** True for any zone name Intl knows (IANA names and their aliases, any letter case). */
export function isTimeZone(name: string): boolean {
  if (!name) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** 'YYYY-MM-DD' → day number. */
export function parseLocalDate(date: string): number {
  const [year, month, day] = date.split('-').map(Number);
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

/** 'HH:MM' → minutes after local midnight. */
export function parseLocalTime(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

export function weekdayOf(day: number): Weekday {
  // 1970-01-01 was a Thursday, index 3 in a Monday-first week.
  return weekdays[(((day + 3) % 7) + 7) % 7];
}

function offsetMs(zone: string, instant: number): number {
  return tzOffset(zone, new Date(instant)) * MINUTE_MS;
}

/** The local calendar day (day number) that `at` falls on in `zone`. */
export function localDayOf(zone: string, at: Date): number {
  return Math.floor((at.getTime() + offsetMs(zone, at.getTime())) / DAY_MS);
}

/** The instant the clocks in `zone` show `minuteOfDay` on local `day`, resolving gaps and overlaps as above. */
export function zonedInstant(zone: string, day: number, minuteOfDay: number): Date {
  const wall = day * DAY_MS + minuteOfDay * MINUTE_MS;
  // Real offsets are within ±14 h, and zones do not change offset twice in two days,
  // so the offsets a day either side are the only ones that can apply to this wall time.
  const offsetBefore = offsetMs(zone, wall - DAY_MS);
  const offsetAfter = offsetMs(zone, wall + DAY_MS);
  const valid = [wall - offsetBefore, wall - offsetAfter].filter((t) => t + offsetMs(zone, t) === wall);
  if (valid.length > 0) return new Date(Math.min(...valid));
  return new Date(firstInstantWithOffset(zone, wall - offsetAfter, wall - offsetBefore, offsetAfter));
}

/** Binary search (to the second, as tz data is) for the transition inside a gap: (before, after]. */
function firstInstantWithOffset(zone: string, before: number, after: number, offset: number): number {
  while (after - before > SECOND_MS) {
    const middle = before + Math.max(SECOND_MS, Math.floor((after - before) / 2 / SECOND_MS) * SECOND_MS);
    if (offsetMs(zone, middle) === offset) after = middle;
    else before = middle;
  }
  return after;
}
