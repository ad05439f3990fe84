import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { Actor, TimelineEventType } from '../../../shared/api/incidents';
import type { IncidentStatus } from '../../../shared/domain/lifecycle';
import type { Severity } from '../../../shared/domain/severity';
import { timestamp } from './columns';
import { services } from './services';

export const incidents = sqliteTable(
  'incidents',
  {
    id: text('id').primaryKey(),
    number: integer('number').notNull().unique(),
    title: text('title').notNull(),
    description: text('description'),
    status: text('status').$type<IncidentStatus>().notNull(),
    severity: text('severity').$type<Severity>().notNull(),
    serviceId: text('service_id').notNull().references(() => services.id),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
    acknowledgedAt: timestamp('acknowledged_at'),
    resolvedAt: timestamp('resolved_at'),
  },
  (t) => [index('incidents_status_idx').on(t.status, t.number), index('incidents_service_idx').on(t.serviceId, t.number)],
);

export const incidentEvents = sqliteTable(
  'incident_events',
  {
    id: text('id').primaryKey(),
    incidentId: text('incident_id').notNull().references(() => incidents.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    type: text('type').$type<TimelineEventType>().notNull(),
    at: timestamp('at').notNull(),
    actorType: text('actor_type').$type<Actor['type']>().notNull(),
    actorId: text('actor_id'),
    actorName: text('actor_name').notNull(),
    data: text('data', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index('incident_events_incident_idx').on(t.incidentId, t.seq)],
);
