/**
 * `GET /api/v1/setup-progress`: what the first-run guide ticks. Counts are of the whole installation;
 * `pageDelivered` is the caller's own (a test or real page reached one of their devices).
 */
export interface SetupProgress {
  services: number;
  /** Services with an escalation policy: the ones whose incidents page someone. */
  pagingServices: number;
  activeUsers: number;
  schedules: number;
  policies: number;
  /** An event from a monitoring tool or a heartbeat ping has arrived. */
  monitoringConnected: boolean;
  pageDelivered: boolean;
  /** Responders and admins with no way to be paged (see `GET /api/v1/on-call/unreachable`). */
  unreachableUsers: number;
}
