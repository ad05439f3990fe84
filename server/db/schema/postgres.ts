// The postgres tables, one export each, for drizzle-kit (it finds tables among a module's exports).
import { defineTables } from './index';

export const {
  users,
  sessions,
  apiTokens,
  signInLinks,
  teams,
  teamMembers,
  escalationPolicies,
  schedules,
  scheduleOverrides,
  notificationRules,
  pushSubscriptions,
  services,
  incidents,
  incidentEvents,
  idempotencyKeys,
  incidentEscalations,
  pages,
  outgoingPushes,
  counters,
  sharedKeys,
  alerts,
  changeEvents,
  heartbeats,
  maintenanceWindows,
} = defineTables('postgres');
