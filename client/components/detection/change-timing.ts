import { formatDuration } from '../../format/time';

/**
 * "12 min before the incident started": a deploy minutes before an outage is the first suspect, so the
 * distance to the start says more than the clock time.
 */
export function changeTiming(at: string, startedAt: string): string {
  const ms = Date.parse(at) - Date.parse(startedAt);
  if (Math.abs(ms) < 60_000) return 'as the incident started';
  return `${formatDuration(ms)} ${ms < 0 ? 'before' : 'after'} the incident started`;
}
