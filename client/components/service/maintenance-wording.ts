import type { MaintenanceWindow } from '../../../shared/api/detection';
import { formatClock, formatDuration } from '../../format/time';

/** A window the server just started may begin a little "in the future" by a phone's clock that runs behind. */
const clockSkewMs = 60_000;

export const isRunning = (window: Pick<MaintenanceWindow, 'startsAt' | 'endsAt'>, now: Date) =>
  Date.parse(window.startsAt) - clockSkewMs <= now.getTime() && now.getTime() < Date.parse(window.endsAt);

/** The running window that ends last: the service is in maintenance until then. */
export function runningWindow<T extends Pick<MaintenanceWindow, 'startsAt' | 'endsAt'>>(windows: T[], now: Date): T | null {
  return windows.filter((window) => isRunning(window, now)).sort((a, b) => Date.parse(b.endsAt) - Date.parse(a.endsAt))[0] ?? null;
}

/** "Until 04:30 (1 h left)" while running; "03:00 – 04:00, starts in 2 h" when upcoming. */
export function describeWindow(window: Pick<MaintenanceWindow, 'startsAt' | 'endsAt'>, now: Date): string {
  const ends = Date.parse(window.endsAt);
  if (isRunning(window, now)) return `Until ${formatClock(window.endsAt, now)} (${formatDuration(ends - now.getTime())} left)`;
  return `${formatClock(window.startsAt, now)} – ${formatClock(window.endsAt, now)}, starts in ${formatDuration(Date.parse(window.startsAt) - now.getTime())}`;
}

/** `<input type="datetime-local">` speaks local wall-clock time without a zone: "2026-03-02T14:30". */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The input's local time as an ISO instant, or null when empty or not a time. */
export function fromLocalInput(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
