/**
 * One schedule layer as a rotation: who it puts on call at an instant, and when that
 * can next change. Pure: every function takes the instant it is asked about.
 *
 * Handoff k of a layer (k = 0 is the first):
 *   - `hours` shifts: first handoff + k × length hours of elapsed time, so a 12-hour
 *     shift is 12 real hours even across a DST change (the local handoff clock drifts);
 *   - `days` / `weeks` shifts: local date startDate + k × length days at handoffTime,
 *     so a daily 09:00 handoff stays 09:00 local across DST.
 * Gaps and overlaps in local time resolve as in rotation-local-time.ts.
 * The user on call in shift k is users[k mod users.length]; restriction windows then
 * decide whether the layer covers the instant at all.
 */
import {
  DAY_MS,
  HOUR_MS,
  localDayOf,
  parseLocalDate,
  parseLocalTime,
  weekdayOf,
  zonedInstant,
  type Weekday,
} from './rotation-local-time';

export const shiftUnits = ['hours', 'days', 'weeks'] as const;
export type ShiftUnit = (typeof shiftUnits)[number];

/** Local time on the listed days; end ≤ start runs past midnight into the next day. */
export interface RestrictionWindow {
  days: Weekday[];
  start: string;
  end: string;
}

export interface RotationLayer {
  users: string[];
  /** Local date of the first handoff, 'YYYY-MM-DD'. */
  startDate: string;
  /** Local time of day of the handoff, 'HH:MM'. */
  handoffTime: string;
  shift: { length: number; unit: ShiftUnit };
  /** None (or empty) means the layer covers every hour. */
  restrictions?: RestrictionWindow[];
}

/** A layer in its zone, parsed once so that stepping through many instants stays cheap. */
export interface Rotation {
  zone: string;
  users: string[];
  firstDay: number;
  handoffMinute: number;
  firstHandoff: number;
  /** Elapsed length of a shift for `hours` rotations; null for calendar-day rotations. */
  shiftMs: number | null;
  shiftDays: number;
  windows: Array<{ days: Set<Weekday>; start: number; end: number }>;
  /** Resolved local times by day and minute: stepping asks for the same handoffs and window edges many times. */
  instants: Map<number, number>;
  /** The last instant asked about and its local day: each step asks several questions about one instant. */
  lastDay: { at: number; day: number };
}

// An instant on local day d is never earlier than d 00:00 at the largest offset in use (+14:00).
const MAX_UTC_OFFSET_MS = 14 * HOUR_MS;

export function rotationOf(layer: RotationLayer, zone: string): Rotation {
  const firstDay = parseLocalDate(layer.startDate);
  const handoffMinute = parseLocalTime(layer.handoffTime);
  const { length, unit } = layer.shift;
  return {
    zone,
    users: layer.users,
    firstDay,
    handoffMinute,
    firstHandoff: zonedInstant(zone, firstDay, handoffMinute).getTime(),
    shiftMs: unit === 'hours' ? length * HOUR_MS : null,
    shiftDays: unit === 'weeks' ? length * 7 : length,
    windows: (layer.restrictions ?? []).map((window) => ({
      days: new Set(window.days),
      start: parseLocalTime(window.start),
      end: parseLocalTime(window.end),
    })),
    instants: new Map(),
    lastDay: { at: NaN, day: NaN },
  };
}

function localDay(rotation: Rotation, at: number): number {
  if (rotation.lastDay.at !== at) rotation.lastDay = { at, day: localDayOf(rotation.zone, new Date(at)) };
  return rotation.lastDay.day;
}

function localInstant(rotation: Rotation, day: number, minuteOfDay: number): number {
  const key = day * 1440 + minuteOfDay;
  let instant = rotation.instants.get(key);
  if (instant === undefined) {
    instant = zonedInstant(rotation.zone, day, minuteOfDay).getTime();
    rotation.instants.set(key, instant);
  }
  return instant;
}

/** Instant (epoch ms) of handoff `index`. */
function handoffAt(rotation: Rotation, index: number): number {
  if (rotation.shiftMs !== null) return rotation.firstHandoff + index * rotation.shiftMs;
  return localInstant(rotation, rotation.firstDay + index * rotation.shiftDays, rotation.handoffMinute);
}

/** Index of the shift running at `at`; -1 before the first handoff. */
function shiftIndexAt(rotation: Rotation, at: number): number {
  if (at < rotation.firstHandoff) return -1;
  if (rotation.shiftMs !== null) return Math.floor((at - rotation.firstHandoff) / rotation.shiftMs);
  const daysIn = localDay(rotation, at) - rotation.firstDay;
  // The local date is right to within one shift; the handoff time of day settles the rest.
  let index = Math.max(0, Math.floor(daysIn / rotation.shiftDays));
  while (index > 0 && handoffAt(rotation, index) > at) index--;
  while (handoffAt(rotation, index + 1) <= at) index++;
  return index;
}

/** Restriction windows that open on local `day`, as [start, end) instants. */
function windowsOpeningOn(rotation: Rotation, day: number): Array<[number, number]> {
  const weekday = weekdayOf(day);
  return rotation.windows
    .filter((window) => window.days.has(weekday))
    .map((window) => [
      localInstant(rotation, day, window.start),
      localInstant(rotation, window.end <= window.start ? day + 1 : day, window.end),
    ]);
}

function isCovered(rotation: Rotation, at: number): boolean {
  if (rotation.windows.length === 0) return true;
  const today = localDay(rotation, at);
  // A window that opened yesterday may run past midnight into today.
  return [today - 1, today].some((day) => windowsOpeningOn(rotation, day).some(([start, end]) => start <= at && at < end));
}

/** Next restriction window edge after `at`; Infinity for an unrestricted layer. */
function nextWindowEdge(rotation: Rotation, at: number): number {
  if (rotation.windows.length === 0) return Infinity;
  const today = localDay(rotation, at);
  let next = Infinity;
  // Every restriction names at least one weekday, so a window opens within any 7 days.
  for (let day = today - 1; day <= today + 7; day++) {
    for (const edge of windowsOpeningOn(rotation, day).flat()) if (edge > at && edge < next) next = edge;
    // Windows opening on later days have every edge after this bound, so none can beat `next`.
    if (next < (day + 1) * DAY_MS - MAX_UTC_OFFSET_MS) break;
  }
  return next;
}

export function rotationUserAt(rotation: Rotation, at: number): string | null {
  const index = shiftIndexAt(rotation, at);
  if (index < 0 || !isCovered(rotation, at)) return null;
  return rotation.users[index % rotation.users.length];
}

/** The next instant after `at` at which this layer's answer may change (a handoff or a window edge). */
export function nextRotationChange(rotation: Rotation, at: number): number {
  return Math.min(handoffAt(rotation, shiftIndexAt(rotation, at) + 1), nextWindowEdge(rotation, at));
}

/** Who this layer alone puts on call at `at`: a user id, or null (before its first handoff or outside its windows). */
export function layerOnCallAt(layer: RotationLayer, zone: string, at: Date): string | null {
  return rotationUserAt(rotationOf(layer, zone), at.getTime());
}

/** Handoff instants in [from, to), for previews and tests. */
export function layerHandoffsBetween(layer: RotationLayer, zone: string, from: Date, to: Date): Date[] {
  const rotation = rotationOf(layer, zone);
  const handoffs: Date[] = [];
  for (let index = Math.max(0, shiftIndexAt(rotation, from.getTime())); ; index++) {
    const handoff = handoffAt(rotation, index);
    if (handoff >= to.getTime()) return handoffs;
    if (handoff >= from.getTime()) handoffs.push(new Date(handoff));
  }
}
