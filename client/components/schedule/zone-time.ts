/**
 * Wall-clock times in a schedule's zone, for its editor: what the rotation inputs mean ('YYYY-MM-DD', 'HH:MM')
 * and what the calendar shows. Turning wall time into an instant goes through the shared rotation rules, so a
 * time picked here lands where the server's rotation math puts it, DST gaps included.
 */
import { DAY_MS, localDayOf, parseLocalDate, parseLocalTime, zonedInstant } from '../../../shared/domain/rotation-local-time';

/** The zone this device is set to: the default for a new schedule. */
export function deviceTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Day number → 'YYYY-MM-DD'. */
export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The local date in `zone` at `at`, 'YYYY-MM-DD'. */
export function localDateIn(zone: string, at: Date): string {
  return dateOfDay(localDayOf(zone, at));
}

const partsFormats = new Map<string, Intl.DateTimeFormat>();

function wallClock(zone: string, at: Date): { date: string; time: string } {
  let format = partsFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    partsFormats.set(zone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((part) => [part.type, part.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/** 'HH:MM' on a 24-hour clock in `zone`: schedules hand off at 09:00, not "9 AM" in one place and "09:00" in another. */
export function clockIn(zone: string, at: Date): string {
  return wallClock(zone, at).time;
}

/** The value of an `<input type="datetime-local">` showing `at` in `zone`. */
export function localInputValue(zone: string, at: Date): string {
  const { date, time } = wallClock(zone, at);
  return `${date}T${time}`;
}

/** An `<input type="datetime-local">` value read as wall time in `zone`; null when it is not a full date and time. */
export function instantOfLocalInput(zone: string, value: string): Date | null {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(value);
  if (!match || Number.isNaN(Date.parse(match[1]))) return null;
  return zonedInstant(zone, parseLocalDate(match[1]), parseLocalTime(match[2]));
}

/** "Mon, Mar 9": a local date named in the reader's language (the day number is zone-free, so UTC formats it). */
export function dayLabel(day: number, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', weekday: 'short', month: 'short', day: 'numeric' }).format(new Date(day * DAY_MS));
}

/** "Mon, Mar 9, 09:00": an instant as the schedule's clocks show it. */
export function dateTimeIn(zone: string, at: Date, locale?: string): string {
  return `${dayLabel(localDayOf(zone, at), locale)}, ${clockIn(zone, at)}`;
}
