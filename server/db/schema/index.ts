import { accountTables } from './accounts';
import { clusterTables } from './cluster';
import { commandTables } from './command';
import { columnsFor, type Dialect } from './columns';
import { contactMethodTables } from './contact-methods';
import { detectionTables } from './detection';
import { drillTables } from './drills';
import { engineTables } from './engine';
import { idempotencyTables } from './idempotency';
import { incidentTables } from './incidents';
import { pagingTables } from './paging';
import { serviceWebhookTables } from './service-webhooks';
import { serviceTables } from './services';

/** Every table, built with one dialect's columns. */
export function defineTables(dialect: Dialect) {
  const c = columnsFor[dialect];
  const accounts = accountTables(c);
  const paging = pagingTables(c, accounts);
  const services = serviceTables(c, accounts, paging);
  const incidents = incidentTables(c, services);
  const contactMethods = contactMethodTables(c, accounts);
  const serviceWebhooks = serviceWebhookTables(c, services);
  const command = commandTables(c, accounts, services, incidents);
  return {
    ...accounts,
    ...paging,
    ...services,
    ...incidents,
    ...idempotencyTables(c, accounts),
    ...engineTables(c, accounts, incidents, paging, contactMethods, serviceWebhooks),
    ...clusterTables(c),
    ...detectionTables(c, accounts, services, incidents),
    ...contactMethods,
    ...serviceWebhooks,
    ...command,
    ...drillTables(c, accounts, services, incidents),
  };
}

export type Tables = ReturnType<typeof defineTables>;
type Row<Name extends keyof Tables> = Tables[Name]['$inferSelect'];
export type UserRow = Row<'users'>;
export type ServiceRow = Row<'services'>;
export type IncidentRow = Row<'incidents'>;
export type IncidentEventRow = Row<'incidentEvents'>;
export type PolicyRow = Row<'escalationPolicies'>;
export type ScheduleRow = Row<'schedules'>;
export type OverrideRow = Row<'scheduleOverrides'>;
export type SubscriptionRow = Row<'pushSubscriptions'>;
export type EscalationRow = Row<'incidentEscalations'>;
export type PageRow = Row<'pages'>;
export type OutgoingPushRow = Row<'outgoingPushes'>;
export type AlertRow = Row<'alerts'>;
export type ChangeEventRow = Row<'changeEvents'>;
export type HeartbeatRow = Row<'heartbeats'>;
export type MaintenanceWindowRow = Row<'maintenanceWindows'>;
export type ContactMethodRow = Row<'contactMethods'>;
export type OutgoingMessageRow = Row<'outgoingMessages'>;
export type ServiceWebhookRow = Row<'serviceWebhooks'>;
export type WebhookAttemptRow = Row<'webhookAttempts'>;
export type RunbookRow = Row<'runbooks'>;
export type ReviewRow = Row<'reviews'>;
export type ActionItemRow = Row<'actionItems'>;
export type DrillScenarioRow = Row<'drillScenarios'>;
export type DrillRow = Row<'drills'>;
