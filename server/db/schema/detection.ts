import { sql } from 'drizzle-orm';
import type { AlertImage, AlertLink, AlertSource, AlertStatus, HeartbeatStatus } from '../../../shared/api/detection';
import type { Columns } from './columns';
import type { accountTables } from './accounts';
import type { incidentTables } from './incidents';
import type { serviceTables } from './services';

/** What monitoring tools send: alerts, change events, heartbeat monitors, and the windows that silence them. */
export function detectionTables(
  c: Columns,
  { users }: ReturnType<typeof accountTables>,
  { services }: ReturnType<typeof serviceTables>,
  { incidents }: ReturnType<typeof incidentTables>,
) {
  const alerts = c.table(
    'alerts',
    {
      id: c.text('id').primaryKey(),
      serviceId: c.text('service_id').notNull().references(() => services.id, { onDelete: 'cascade' }),
      incidentId: c.text('incident_id').references(() => incidents.id, { onDelete: 'cascade' }),
      source: c.text('source').$type<AlertSource>().notNull(),
      dedupKey: c.text('dedup_key').notNull(),
      status: c.text('status').$type<AlertStatus>().notNull(),
      summary: c.text('summary').notNull(),
      severity: c.text('severity'),
      details: c.json('details').$type<Record<string, unknown>>().notNull(),
      links: c.json('links').$type<AlertLink[]>().notNull(),
      images: c.json('images').$type<AlertImage[]>().notNull(),
      client: c.text('client'),
      clientUrl: c.text('client_url'),
      startedAt: c.timestamp('started_at'),
      firstSeenAt: c.timestamp('first_seen_at').notNull(),
      lastSeenAt: c.timestamp('last_seen_at').notNull(),
      count: c.integer('count').notNull(),
      resolvedAt: c.timestamp('resolved_at'),
      inMaintenance: c.boolean('in_maintenance').notNull(),
    },
    (t) => [
      // One open alert per key and service: a repeat updates it, and only after it resolves may the key open another.
      c.uniqueIndex('alerts_open_dedup_unique').on(t.serviceId, t.dedupKey).where(sql`status <> 'resolved'`),
      c.index('alerts_incident_idx').on(t.incidentId),
      c.index('alerts_service_seen_idx').on(t.serviceId, t.lastSeenAt),
    ],
  );

  const changeEvents = c.table(
    'change_events',
    {
      id: c.text('id').primaryKey(),
      serviceId: c.text('service_id').notNull().references(() => services.id, { onDelete: 'cascade' }),
      summary: c.text('summary').notNull(),
      source: c.text('source'),
      at: c.timestamp('at').notNull(),
      receivedAt: c.timestamp('received_at').notNull(),
      details: c.json('details').$type<Record<string, unknown>>().notNull(),
      links: c.json('links').$type<AlertLink[]>().notNull(),
    },
    (t) => [c.index('change_events_service_at_idx').on(t.serviceId, t.at)],
  );

  /** A dead man's switch: `expiresAt` is a durable due time the engine sleeps until, like an escalation step. */
  const heartbeats = c.table(
    'heartbeats',
    {
      id: c.text('id').primaryKey(),
      serviceId: c.text('service_id').notNull().references(() => services.id, { onDelete: 'cascade' }),
      name: c.text('name').notNull(),
      intervalSeconds: c.integer('interval_seconds').notNull(),
      /** In the ping URL; it only lets a job say "still alive", so it is kept readable to show the URL again. */
      token: c.text('token').notNull().unique(),
      status: c.text('status').$type<HeartbeatStatus>().notNull(),
      lastPingAt: c.timestamp('last_ping_at'),
      expiresAt: c.timestamp('expires_at'),
      createdAt: c.timestamp('created_at').notNull(),
    },
    (t) => [c.index('heartbeats_due_idx').on(t.status, t.expiresAt), c.index('heartbeats_service_idx').on(t.serviceId)],
  );

  const maintenanceWindows = c.table(
    'maintenance_windows',
    {
      id: c.text('id').primaryKey(),
      serviceId: c.text('service_id').notNull().references(() => services.id, { onDelete: 'cascade' }),
      startsAt: c.timestamp('starts_at').notNull(),
      endsAt: c.timestamp('ends_at').notNull(),
      createdById: c.text('created_by_id').references(() => users.id, { onDelete: 'set null' }),
      createdAt: c.timestamp('created_at').notNull(),
    },
    (t) => [c.index('maintenance_windows_service_idx').on(t.serviceId, t.endsAt)],
  );

  return { alerts, changeEvents, heartbeats, maintenanceWindows };
}
