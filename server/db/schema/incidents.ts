import type { Actor, IncidentOrigin, TimelineEventType } from '../../../shared/api/incidents';
import type { IncidentStatus } from '../../../shared/domain/lifecycle';
import type { Severity } from '../../../shared/domain/severity';
import type { Columns } from './columns';
import type { serviceTables } from './services';

export function incidentTables(c: Columns, { services }: ReturnType<typeof serviceTables>) {
  const incidents = c.table(
    'incidents',
    {
      id: c.text('id').primaryKey(),
      /** Handed out from the `incident_number` counter: unique across every instance. */
      number: c.integer('number').notNull().unique(),
      title: c.text('title').notNull(),
      description: c.text('description'),
      status: c.text('status').$type<IncidentStatus>().notNull(),
      severity: c.text('severity').$type<Severity>().notNull(),
      serviceId: c.text('service_id').notNull().references(() => services.id),
      origin: c.text('origin').$type<IncidentOrigin>().notNull().default('user'),
      /** Alertmanager's `groupKey`: later alerts of the same group join this incident while it is open. */
      alertGroupKey: c.text('alert_group_key'),
      createdAt: c.timestamp('created_at').notNull(),
      updatedAt: c.timestamp('updated_at').notNull(),
      startedAt: c.timestamp('started_at').notNull(),
      detectedAt: c.timestamp('detected_at').notNull(),
      acknowledgedAt: c.timestamp('acknowledged_at'),
      resolvedAt: c.timestamp('resolved_at'),
      /**
       * The last timeline sequence number used. Appending an event increments it, which locks the incident's
       * row: two writers on two instances queue up instead of reading the same max(seq).
       */
      eventSeq: c.integer('event_seq').notNull().default(0),
    },
    (t) => [
      c.index('incidents_status_idx').on(t.status, t.number),
      c.index('incidents_service_idx').on(t.serviceId, t.number),
      c.index('incidents_service_origin_idx').on(t.serviceId, t.origin, t.detectedAt),
      c.index('incidents_alert_group_idx').on(t.serviceId, t.alertGroupKey),
    ],
  );

  const incidentEvents = c.table(
    'incident_events',
    {
      id: c.text('id').primaryKey(),
      incidentId: c.text('incident_id').notNull().references(() => incidents.id, { onDelete: 'cascade' }),
      seq: c.integer('seq').notNull(),
      type: c.text('type').$type<TimelineEventType>().notNull(),
      at: c.timestamp('at').notNull(),
      actorType: c.text('actor_type').$type<Actor['type']>().notNull(),
      actorId: c.text('actor_id'),
      actorName: c.text('actor_name').notNull(),
      data: c.json('data').$type<Record<string, unknown>>().notNull(),
    },
    (t) => [c.uniqueIndex('incident_events_incident_seq_unique').on(t.incidentId, t.seq)],
  );

  return { incidents, incidentEvents };
}
