/** Human wording for times, in the reader's own language and time zone. */

const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

/** "just now", "5 minutes ago", "3 hours ago" — how long ago, rounded down to the largest unit. */
export function formatAge(at: string | Date, now: Date, locale?: string): string {
  const seconds = Math.max(0, Math.floor((now.getTime() - new Date(at).getTime()) / 1000));
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of units) {
    if (seconds >= size) return format.format(-Math.floor(seconds / size), unit);
  }
  return 'just now';
}

/**
 * "03:12" today, "Mon 2 Mar, 03:12" on other days: a timeline should say when, not only how long ago.
 * `timeZone` (a user's chosen zone for shift times) replaces the device's.
 */
export function formatClock(at: string | Date, now: Date, locale?: string, timeZone?: string | null): string {
  const date = new Date(at);
  const zone = timeZone ?? undefined;
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone: zone }).format(date);
  const day = new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', timeZone: zone });
  const dayOf = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: zone });
  if (dayOf.format(date) === dayOf.format(now)) return time;
  return `${day.format(date)}, ${time}`;
}

/**
 * The later of a ticking `now` and the real time: inside a computed that also depends on fresh data, the
 * data's arrival re-reads the clock instead of waiting up to a tick.
 */
export const latest = (ticking: Date) => new Date(Math.max(ticking.getTime(), Date.now()));

/** "45 s", "5 min", "1 h 30 min", "2 d 3 h": a length of time, to the two largest units. */
export function formatDuration(ms: number): string {
  const seconds = Math.round(Math.abs(ms) / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  const parts: Array<[number, string]> = [
    [Math.floor(minutes / 1440), 'd'],
    [Math.floor((minutes % 1440) / 60), 'h'],
    [minutes % 60, 'min'],
  ];
  const first = parts.findIndex(([value]) => value > 0);
  return parts
    .slice(first, first + 2)
    .filter(([value]) => value > 0)
    .map(([value, unit]) => `${value} ${unit}`)
    .join(' ');
}
