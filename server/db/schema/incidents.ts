import type { Actor, IncidentOrigin, TimelineEventType } from '../../../shared/api/incidents';
import type { IncidentRoles } from '../../../shared/domain/incident-roles';
import type { IncidentStatus } from '../../../shared/domain/lifecycle';
import type { IncidentPhase } from '../../../shared/domain/phases';
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
      /** Who acknowledged last (a person or a tool), kept with the incident so lists show it without the timeline. */
      acknowledgedById: c.text('acknowledged_by_id'),
      acknowledgedByName: c.text('acknowledged_by_name'),
      resolvedAt: c.timestamp('resolved_at'),
      /** Where the response stands (see shared/domain/phases). */
      phase: c.text('phase').$type<IncidentPhase>().notNull().default('triage'),
      /** When the impact stopped, before the fix was complete. */
      mitigatedAt: c.timestamp('mitigated_at'),
      closedAt: c.timestamp('closed_at'),
      /** Copied from its review when completed: closing a SEV-1/SEV-2 needs it. */
      reviewCompletedAt: c.timestamp('review_completed_at'),
      roles: c.json('roles').$type<IncidentRoles>(),
      /** Role checklist items ticked on this incident, as `role:item` keys. */
      checklist: c.json('checklist').$type<string[]>(),
      /** Minutes between status updates; null follows the severity's default (none for SEV-3/4). */
      updateCadenceMinutes: c.integer('update_cadence_minutes'),
      lastStatusUpdateAt: c.timestamp('last_status_update_at'),
      /** The engine reminds the communications lead at this time unless an update is posted first. */
      updateReminderAt: c.timestamp('update_reminder_at'),
      /** An acknowledged incident snoozed until then: the engine re-triggers it and pages again. */
      snoozedUntil: c.timestamp('snoozed_until'),
      /** The game-day drill this incident belongs to; null for a real incident. (No foreign key: drills refer here.) */
      drillId: c.text('drill_id'),
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
      c.index('incidents_update_reminder_idx').on(t.updateReminderAt),
      c.index('incidents_snoozed_idx').on(t.snoozedUntil),
      c.index('incidents_detected_idx').on(t.detectedAt),
      c.index('incidents_drill_idx').on(t.drillId),
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
