import { and, asc, desc, eq, inArray, lt, max, type SQL } from 'drizzle-orm';
import type { Actor, Incident, TimelineEvent, TimelineEventType } from '../../../shared/api/incidents';
import type { IncidentStatus } from '../../../shared/domain/lifecycle';
import type { Severity } from '../../../shared/domain/severity';
import type { Db, Tx } from '../client';
import { incidentEvents, incidents, pages, services } from '../schema/index';

const incidentColumns = { incident: incidents, serviceName: services.name };

function toIncident(row: { incident: typeof incidents.$inferSelect; serviceName: string }): Incident {
  const { incident } = row;
  return {
    id: incident.id,
    number: incident.number,
    title: incident.title,
    description: incident.description,
    status: incident.status,
    severity: incident.severity,
    serviceId: incident.serviceId,
    serviceName: row.serviceName,
    createdAt: incident.createdAt.toISOString(),
    updatedAt: incident.updatedAt.toISOString(),
    acknowledgedAt: incident.acknowledgedAt?.toISOString() ?? null,
    resolvedAt: incident.resolvedAt?.toISOString() ?? null,
  };
}

export function findIncident(tx: Tx, id: string): Incident | undefined {
  const row = tx
    .select(incidentColumns)
    .from(incidents)
    .innerJoin(services, eq(services.id, incidents.serviceId))
    .where(eq(incidents.id, id))
    .get();
  return row ? toIncident(row) : undefined;
}

export interface IncidentFilter {
  status?: IncidentStatus[];
  severity?: Severity[];
  serviceId?: string;
  /** Only incidents that paged this user. */
  pagedUserId?: string;
  /** Incident number to continue below (newest first). */
  before?: number;
  limit: number;
}

export function listIncidents(db: Db, filter: IncidentFilter): { items: Incident[]; nextCursor: string | null } {
  const conditions: SQL[] = [];
  if (filter.status) conditions.push(inArray(incidents.status, filter.status));
  if (filter.severity) conditions.push(inArray(incidents.severity, filter.severity));
  if (filter.serviceId) conditions.push(eq(incidents.serviceId, filter.serviceId));
  if (filter.pagedUserId) {
    conditions.push(inArray(incidents.id, db.select({ id: pages.incidentId }).from(pages).where(eq(pages.userId, filter.pagedUserId))));
  }
  if (filter.before !== undefined) conditions.push(lt(incidents.number, filter.before));
  const rows = db
    .select(incidentColumns)
    .from(incidents)
    .innerJoin(services, eq(services.id, incidents.serviceId))
    .where(and(...conditions))
    .orderBy(desc(incidents.number))
    .limit(filter.limit + 1)
    .all();
  const items = rows.slice(0, filter.limit).map(toIncident);
  const nextCursor = rows.length > filter.limit ? String(items[items.length - 1].number) : null;
  return { items, nextCursor };
}

export function nextIncidentNumber(tx: Tx): number {
  return (tx.select({ n: max(incidents.number) }).from(incidents).get()?.n ?? 0) + 1;
}

export function insertIncident(tx: Tx, values: typeof incidents.$inferInsert): void {
  tx.insert(incidents).values(values).run();
}

export function updateIncidentRow(
  tx: Tx,
  id: string,
  changes: Partial<Pick<typeof incidents.$inferInsert, 'status' | 'severity' | 'title' | 'acknowledgedAt' | 'resolvedAt' | 'updatedAt'>>,
): void {
  tx.update(incidents).set(changes).where(eq(incidents.id, id)).run();
}

export function appendTimelineEvent(
  tx: Tx,
  incidentId: string,
  event: { type: TimelineEventType; actor: Actor; data?: Record<string, unknown> },
  at: Date,
): TimelineEvent {
  const seq =
    (tx.select({ n: max(incidentEvents.seq) }).from(incidentEvents).where(eq(incidentEvents.incidentId, incidentId)).get()
      ?.n ?? 0) + 1;
  const id = crypto.randomUUID();
  const data = event.data ?? {};
  tx.insert(incidentEvents)
    .values({
      id,
      incidentId,
      seq,
      type: event.type,
      at,
      actorType: event.actor.type,
      actorId: event.actor.id,
      actorName: event.actor.name,
      data,
    })
    .run();
  return { id, type: event.type, at: at.toISOString(), actor: event.actor, data };
}

export function timelineOf(tx: Tx, incidentId: string): TimelineEvent[] {
  return tx
    .select()
    .from(incidentEvents)
    .where(eq(incidentEvents.incidentId, incidentId))
    .orderBy(asc(incidentEvents.seq))
    .all()
    .map((row) => ({
      id: row.id,
      type: row.type,
      at: row.at.toISOString(),
      actor: { type: row.actorType, id: row.actorId, name: row.actorName },
      data: row.data,
    }));
}
