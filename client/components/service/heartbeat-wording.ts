import type { Heartbeat } from '../../../shared/api/detection';
import { formatAge, formatDuration } from '../../format/time';

export interface HeartbeatState {
  label: 'Waiting for first ping' | 'Up' | 'Expired';
  /** "last ping 2 minutes ago". */
  detail: string | null;
  tone: Heartbeat['status'];
}

const singleUnits: Record<number, string> = { 60: 'every minute', 3600: 'every hour', 86_400: 'every day' };

/** "every hour", "every 5 min", "every 1 h 30 min". */
export const intervalWording = (seconds: number) => singleUnits[seconds] ?? `every ${formatDuration(seconds * 1000)}`;

/** Where a heartbeat stands, in words; the server's status decides, the client only words it. */
export function heartbeatState(heartbeat: Pick<Heartbeat, 'status' | 'lastPingAt'>, now: Date): HeartbeatState {
  const lastPing = heartbeat.lastPingAt ? `last ping ${formatAge(heartbeat.lastPingAt, now)}` : null;
  switch (heartbeat.status) {
    case 'pending':
      return { label: 'Waiting for first ping', detail: null, tone: 'pending' };
    case 'up':
      return { label: 'Up', detail: lastPing, tone: 'up' };
    default:
      return { label: 'Expired', detail: lastPing ?? 'never pinged', tone: 'expired' };
  }
}

export const intervalUnits = [
  { label: 'minutes', seconds: 60 },
  { label: 'hours', seconds: 3600 },
  { label: 'days', seconds: 86_400 },
] as const;
