/** The override requests behind "take a shift", "cover someone" and "swap". */
import type { OverrideInput } from '../../../shared/api/schedules';
import { MAX_OVERRIDE_DAYS, type OnCallSpan } from '../../../shared/domain/on-call';
import { DAY_MS, HOUR_MS } from '../../../shared/domain/rotation-local-time';

/** The API refuses longer overrides. */
const maxOverrideMs = MAX_OVERRIDE_DAYS * DAY_MS;

export interface ShiftChoice {
  userId: string;
  start: Date;
  end: Date;
}

function override(userId: string, start: Date, end: Date, now: Date): OverrideInput {
  // Time already past cannot be covered: a shift that has begun is taken from now.
  const from = Math.max(start.getTime(), now.getTime());
  return { userId, start: new Date(from).toISOString(), end: new Date(Math.min(end.getTime(), from + maxOverrideMs)).toISOString() };
}

/** `userId` on call for the rest of the time `shift` covers. */
export function takeOver(shift: { start: Date; end: Date }, userId: string, now: Date): OverrideInput {
  return override(userId, shift.start, shift.end, now);
}

/** Each of the two covers the other's shift. */
export function swapOverrides(a: ShiftChoice, b: ShiftChoice, now: Date): OverrideInput[] {
  return [override(b.userId, a.start, a.end, now), override(a.userId, b.start, b.end, now)];
}

/** Shifts that can still be swapped: one person's time on call that has not ended, from now on. */
export function swappableShifts(spans: OnCallSpan[], now: Date): ShiftChoice[] {
  return spans
    .filter((span) => span.end.getTime() > now.getTime())
    .map((span) => ({ userId: span.userId, start: new Date(Math.max(span.start.getTime(), now.getTime())), end: span.end }));
}

/** A cover starts on the next full hour and lasts a night, until someone picks other times. */
export function defaultCoverTimes(now: Date): { start: Date; end: Date } {
  const start = new Date(Math.ceil(now.getTime() / HOUR_MS) * HOUR_MS);
  return { start, end: new Date(start.getTime() + 12 * HOUR_MS) };
}
