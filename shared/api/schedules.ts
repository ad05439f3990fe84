import { z } from 'zod';
import { id } from './common';
import { multiLineText, singleLineText } from './text';
import { shiftUnits } from '../domain/rotation';
import { isTimeZone, weekdays } from '../domain/rotation-local-time';
import { MAX_OVERRIDE_DAYS } from '../domain/on-call';


const localTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a 24-hour time HH:MM');
const instant = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time such as 2026-03-08T09:00:00Z' });

const restrictionInput = z.object({
  days: z.array(z.enum(weekdays, { message: 'must be one of mon, tue, wed, thu, fri, sat, sun' })).min(1, 'name at least one day'),
  /** Local time the window opens; an end at or before it runs past midnight into the next day. */
  start: localTime,
  end: localTime,
});

export const layerInput = z.object({
  name: singleLineText().trim().max(100).optional(),
  users: z.array(id).min(1, 'a layer needs at least one user'),
  /** Local date of the first handoff. */
  startDate: z.iso.date({ message: 'must be a date YYYY-MM-DD' }),
  /** Local time of day of each handoff. */
  handoffTime: localTime,
  shift: z.object({
    length: z.number().int().min(1).max(365),
    unit: z.enum(shiftUnits, { message: 'must be one of hours, days, weeks' }),
  }),
  /** Omit for a layer that covers every hour (follow-the-sun layers restrict theirs). */
  restrictions: z.array(restrictionInput).max(20).optional(),
});

export const scheduleInput = z.object({
  name: singleLineText().trim().min(1, 'must not be empty').max(100),
  timeZone: singleLineText().refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin'),
  // Nullable because a schedule is read back with `description: null`, and a read schedule must PUT back as it is.
  description: multiLineText().max(2000).nullish(),
  /** Lowest first: a later layer wins wherever it has someone on call. */
  layers: z.array(layerInput).min(1, 'a schedule needs at least one layer').max(10),
});

// Zod still runs object refinements when a field failed its format; NaN then means "already reported".
const overrideMs = (o: { start: string; end: string }) => Date.parse(o.end) - Date.parse(o.start);

export const overrideInput = z
  .object({ userId: id, start: instant, end: instant })
  .refine((o) => !(overrideMs(o) <= 0), { message: 'end must be after start', path: ['end'] })
  .refine((o) => !(overrideMs(o) > MAX_OVERRIDE_DAYS * 86_400_000), {
    message: `an override may last at most ${MAX_OVERRIDE_DAYS} days`,
    path: ['end'],
  });

/** `GET /api/v1/schedules/:id/on-call?at=ISO` (at defaults to now). */
export const onCallQuery = z.object({ at: instant.optional() });

export type ScheduleInput = z.infer<typeof scheduleInput>;
export type LayerInput = z.infer<typeof layerInput>;
export type OverrideInput = z.infer<typeof overrideInput>;

export interface Schedule {
  id: string;
  name: string;
  timeZone: string;
  description: string | null;
  layers: LayerInput[];
  createdAt: string;
}

export interface ScheduleOverride {
  id: string;
  userId: string;
  userName?: string;
  start: string;
  end: string;
}

export interface OnCallNow {
  at: string;
  users: Array<{ id: string; name: string }>;
  /** When the answer next changes; null if not within the look-ahead (400 days). */
  shiftEndsAt: string | null;
}

export interface Shift {
  scheduleId: string;
  scheduleName: string;
  userId: string;
  start: string;
  end: string;
}

/** `GET /api/v1/on-call/unreachable`: responders and admins a page cannot reach. */
export interface UnreachablePerson {
  id: string;
  name: string;
  /** Why, in a few words: "no device, no contact method". */
  why: string;
}

/** `GET /api/v1/me/on-call`. */
export interface MyOnCall {
  current: Shift[];
  next: Shift[];
}
