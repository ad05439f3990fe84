import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { Actor, Incident, TimelineEvent, TimelineEventType } from '../../../shared/api/incidents';
import type { IncidentStatus } from '../../../shared/domain/lifecycle';
import type { Severity } from '../../../shared/domain/severity';
import type { DrillFilter } from '../../../shared/domain/triage';
import type { Tx } from '../client';
import { placeholders, prepared } from '../prepared';
import { forUpdate } from '../row-locks';
import { involving, searching, triageOrderBy } from './incident-search';
import type { IncidentRow, Tables } from '../schema/index';
import { enqueueServiceEvents } from './service-webhooks';

const incidentColumns = ({ incidents, services }: Tables) => ({ incident: incidents, serviceName: services.name });

function toIncident(row: { incident: IncidentRow; serviceName: string }): Incident {
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
    origin: incident.origin,
    createdAt: incident.createdAt.toISOString(),
    updatedAt: incident.updatedAt.toISOString(),
    startedAt: incident.startedAt.toISOString(),
    detectedAt: incident.detectedAt.toISOString(),
    acknowledgedAt: incident.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: incident.acknowledgedByName === null ? null : { id: incident.acknowledgedById, name: incident.acknowledgedByName },
    resolvedAt: incident.resolvedAt?.toISOString() ?? null,
    phase: incident.phase,
    mitigatedAt: incident.mitigatedAt?.toISOString() ?? null,
    closedAt: incident.closedAt?.toISOString() ?? null,
    reviewCompletedAt: incident.reviewCompletedAt?.toISOString() ?? null,
    drill: incident.drillId !== null,
    drillId: incident.drillId,
  };
}

/**
 * `lock`: a verb that decides from the current status (acknowledge, resolve, escalate, edit) holds the
 * incident's row until it commits, so a change made meanwhile on another instance is not overwritten from a
 * stale read.
 */
export async function findIncident(tx: Tx, id: string, options: { lock?: boolean } = {}): Promise<Incident | undefined> {
  const { incidents, services } = tx.t;
  const query = tx
    .select(incidentColumns(tx.t))
    .from(incidents)
    .innerJoin(services, eq(services.id, incidents.serviceId))
    .where(eq(incidents.id, id))
    .limit(1);
  const [row] = await (options.lock ? forUpdate(tx, query, { of: incidents }) : query);
  return row ? toIncident(row) : undefined;
}

export interface IncidentFilter {
  status?: IncidentStatus[];
  severity?: Severity[];
  serviceId?: string;
  /** Only incidents that paged this user. */
  pagedUserId?: string;
  /** Only incidents that paged this user or where they hold a role ("mine"). */
  involvedUserId?: string;
  /** Case-insensitive text in the title or in an alert's summary or details. */
  q?: string;
  /** Game-day drill incidents: `include` (default), `exclude` or `only`. */
  drills?: DrillFilter;
  /** `newest` (default): newest first, paged by `before`. `triage`: see shared/domain/triage, paged by `offset`. */
  sort?: 'newest' | 'triage';
  /** Incident number to continue below (newest first). */
  before?: number;
  /** Rows to skip (triage order). */
  offset?: number;
  limit: number;
}

export async function listIncidents(tx: Tx, filter: IncidentFilter): Promise<{ items: Incident[]; nextCursor: string | null }> {
  const { incidents, services, pages } = tx.t;
  const conditions: SQL[] = [];
  if (filter.status) conditions.push(inArray(incidents.status, filter.status));
  if (filter.severity) conditions.push(inArray(incidents.severity, filter.severity));
  if (filter.serviceId) conditions.push(eq(incidents.serviceId, filter.serviceId));
  if (filter.pagedUserId) {
    conditions.push(inArray(incidents.id, tx.select({ id: pages.incidentId }).from(pages).where(eq(pages.userId, filter.pagedUserId))));
  }
  if (filter.involvedUserId) conditions.push(involving(tx, filter.involvedUserId));
  if (filter.q) conditions.push(searching(tx, filter.q));
  if (filter.drills === 'exclude') conditions.push(isNull(incidents.drillId));
  if (filter.drills === 'only') conditions.push(isNotNull(incidents.drillId));
  const triage = filter.sort === 'triage';
  if (filter.before !== undefined && !triage) conditions.push(lt(incidents.number, filter.before));
  const offset = triage ? (filter.offset ?? 0) : 0;
  const rows = await tx
    .select(incidentColumns(tx.t))
    .from(incidents)
    .innerJoin(services, eq(services.id, incidents.serviceId))
    .where(and(...conditions))
    .orderBy(...(triage ? triageOrderBy(tx) : [desc(incidents.number)]))
    .limit(filter.limit + 1)
    .offset(offset);
  const items = rows.slice(0, filter.limit).map(toIncident);
  const more = rows.length > filter.limit;
  const nextCursor = !more ? null : triage ? String(offset + filter.limit) : String(items[items.length - 1].number);
  return { items, nextCursor };
}

/**
 * Takes the next number from the `incident_number` counter. Call it inside the transaction that inserts the
 * incident: the counter row stays locked until that commits, so creators on several instances queue up
 * instead of reading the same max(number).
 */
export async function nextIncidentNumber(tx: Tx): Promise<number> {
  const statement = prepared(tx, 'next_incident_number', (h) => {
    const { counters } = h.t;
    return h
      .update(counters)
      .set({ value: sql`${counters.value} + 1` })
      .where(eq(counters.name, 'incident_number'))
      .returning({ value: counters.value });
  });
  const [counter] = await statement.execute();
  if (!counter) throw new Error('the incident_number counter is missing: the migrations seed it');
  return counter.value;
}

const insertedIncidentColumns = [
  'id',
  'number',
  'title',
  'description',
  'status',
  'severity',
  'serviceId',
  'origin',
  'alertGroupKey',
  'createdAt',
  'updatedAt',
  'startedAt',
  'detectedAt',
  'drillId',
] as const;

type NewIncidentRow = Pick<IncidentRow, (typeof insertedIncidentColumns)[number]>;

/** Prepared: monitoring tools may open hundreds a minute. */
export async function insertIncident(tx: Tx, values: NewIncidentRow): Promise<void> {
  const statement = prepared(tx, 'insert_incident', (h) => h.insert(h.t.incidents).values(placeholders(insertedIncidentColumns)));
  await statement.execute(values);
}

export async function updateIncidentRow(
  tx: Tx,
  id: string,
  changes: Partial<Omit<Tables['incidents']['$inferInsert'], 'id' | 'number' | 'eventSeq'>>,
): Promise<void> {
  const { incidents } = tx.t;
  await tx.update(incidents).set(changes).where(eq(incidents.id, id));
}

/**
 * Appends one event to an incident's timeline. With `appendEvents` it is the only writer of timeline events (the
 * verbs and the engine's system events), so the two queue the service events that webhooks subscribe to. The
 * next sequence number comes from the incident's own `event_seq`, whose update locks the incident row until the
 * caller's transaction ends, so two writers on two instances cannot take the same number. Call it inside the
 * caller's transaction.
 */
export async function appendEvent(
  tx: Tx,
  incidentId: string,
  event: { type: TimelineEventType; at: Date; actor: Actor; data?: Record<string, unknown> },
): Promise<TimelineEvent> {
  const nextSeq = prepared(tx, 'next_event_seq', (h) => {
    const { incidents } = h.t;
    return h
      .update(incidents)
      .set({ eventSeq: sql`${incidents.eventSeq} + 1` })
      .where(eq(incidents.id, sql.placeholder('incidentId')))
      .returning({ seq: incidents.eventSeq });
  });
  const insertEvent = prepared(tx, 'insert_event', (h) =>
    h.insert(h.t.incidentEvents).values({
      id: sql.placeholder('id'),
      incidentId: sql.placeholder('incidentId'),
      seq: sql.placeholder('seq'),
      type: sql.placeholder('type'),
      at: sql.placeholder('at'),
      actorType: sql.placeholder('actorType'),
      actorId: sql.placeholder('actorId'),
      actorName: sql.placeholder('actorName'),
      data: sql.placeholder('data'),
    }),
  );
  const [incident] = await nextSeq.execute({ incidentId });
  if (!incident) throw new Error(`cannot add a timeline event to incident ${incidentId}: it does not exist`);
  const id = crypto.randomUUID();
  const data = event.data ?? {};
  await insertEvent.execute({
    id,
    incidentId,
    seq: incident.seq,
    type: event.type,
    at: event.at,
    actorType: event.actor.type,
    actorId: event.actor.id,
    actorName: event.actor.name,
    data,
  });
  await enqueueServiceEvents(tx, [{ incidentId, seq: incident.seq, type: event.type, at: event.at, actor: event.actor, data }]);
  return { id, type: event.type, at: event.at.toISOString(), actor: event.actor, data };
}

export interface NewTimelineEvent {
  incidentId: string;
  type: TimelineEventType;
  at: Date;
  actor: Actor;
  data: Record<string, unknown>;
}

/**
 * Appends many events at once, in the order given (the engine's batch of escalation steps): each incident's
 * sequence moves on by its number of events in one statement per count, and every event goes in one insert.
 */
export async function appendEvents(tx: Tx, events: NewTimelineEvent[]): Promise<void> {
  if (events.length === 0) return;
  const { incidents, incidentEvents } = tx.t;
  const counts = new Map<string, number>();
  for (const event of events) counts.set(event.incidentId, (counts.get(event.incidentId) ?? 0) + 1);
  const byCount = new Map<number, string[]>();
  for (const [incidentId, count] of counts) byCount.set(count, [...(byCount.get(count) ?? []), incidentId]);
  const nextSeq = new Map<string, number>();
  for (const [count, incidentIds] of byCount) {
    const rows = await tx
      .update(incidents)
      .set({ eventSeq: sql`${incidents.eventSeq} + ${count}` })
      .where(inArray(incidents.id, incidentIds))
      .returning({ id: incidents.id, seq: incidents.eventSeq });
    if (rows.length !== incidentIds.length) throw new Error('cannot add timeline events to an incident that does not exist');
    for (const row of rows) nextSeq.set(row.id, row.seq - count + 1);
  }
  const appended = events.map((event) => {
    const seq = nextSeq.get(event.incidentId)!;
    nextSeq.set(event.incidentId, seq + 1);
    return { ...event, seq };
  });
  await tx.insert(incidentEvents).values(
    appended.map((event) => ({
      id: crypto.randomUUID(),
      incidentId: event.incidentId,
      seq: event.seq,
      type: event.type,
      at: event.at,
      actorType: event.actor.type,
      actorId: event.actor.id,
      actorName: event.actor.name,
      data: event.data,
    })),
  );
  await enqueueServiceEvents(tx, appended);
}

export async function timelineOf(tx: Tx, incidentId: string): Promise<TimelineEvent[]> {
  const { incidentEvents } = tx.t;
  const rows = await tx.select().from(incidentEvents).where(eq(incidentEvents.incidentId, incidentId)).orderBy(asc(incidentEvents.seq));
  return rows.map((row) => ({
    id: row.id,
    type: row.type,
    at: row.at.toISOString(),
    actor: { type: row.actorType, id: row.actorId, name: row.actorName },
    data: row.data,
  }));
}
