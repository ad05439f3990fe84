import type { HeartbeatRow } from '../db/stores/heartbeats';
import type { AlertEvent } from './alert-event';

/** The alert a heartbeat raises when it expires, and resolves with its next ping: one key per heartbeat. */
export function heartbeatAlert(heartbeat: HeartbeatRow, action: 'trigger' | 'resolve'): AlertEvent {
  return {
    action,
    dedupKey: `heartbeat:${heartbeat.id}`,
    summary: `Heartbeat ${heartbeat.name} expired`,
    severity: null,
    source: 'heartbeat',
    details: {
      heartbeat: heartbeat.name,
      intervalSeconds: heartbeat.intervalSeconds,
      lastPingAt: heartbeat.lastPingAt?.toISOString() ?? null,
    },
    links: [],
    images: [],
    client: null,
    clientUrl: null,
    // The job stopped being seen when its interval ran out.
    startedAt: heartbeat.expiresAt,
    groupKey: null,
  };
}
