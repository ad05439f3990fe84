import { and, asc, desc, eq, inArray, isNotNull, lt, min, ne } from 'drizzle-orm';
import type { TimelineEventType } from '../../../shared/api/incidents';
import { drillStatuses, isDrillOver, type DrillStatus } from '../../../shared/domain/drills';
import type { Severity } from '../../../shared/domain/severity';
import type { Tx } from '../client';

/*
 * What a drill's scorecard is measured from: its incident's timeline, the outbox of its pages, and its runbook.
 * Every query takes many drills at once, so the history list scores dozens of drills in a handful of queries.
 */

/** The timeline events a scorecard reads; the rest of a timeline (notes, injects…) is never loaded. */
export const reportEventTypes = [
  'acknowledged',
  'role_changed',
  'status_update',
  'step_reached',
  'paged',
  'page_failed',
  'user_unreachable',
] as const satisfies readonly TimelineEventType[];

export interface ReportEvent {
  type: (typeof reportEventTypes)[number];
  at: Date;
  actorId: string | null;
  actorName: string;
  data: Record<string, unknown>;
}

/** The drill fields a score needs. */
export interface MeasuredDrill {
  id: string;
  status: DrillStatus;
  serviceId: string;
  severity: Severity;
  startedAt: Date | null;
  incidentId: string | null;
}

function groupBy<K, T>(rows: T[], key: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}

/** The scorecard's events of each incident, in timeline order. */
export async function reportEventsOf(tx: Tx, incidentIds: string[]): Promise<Map<string, ReportEvent[]>> {
  if (incidentIds.length === 0) return new Map();
  const { incidentEvents } = tx.t;
  const rows = await tx
    .select({
      incidentId: incidentEvents.incidentId,
      type: incidentEvents.type,
      at: incidentEvents.at,
      actorId: incidentEvents.actorId,
      actorName: incidentEvents.actorName,
      data: incidentEvents.data,
    })
    .from(incidentEvents)
    .where(and(inArray(incidentEvents.incidentId, incidentIds), inArray(incidentEvents.type, [...reportEventTypes])))
    .orderBy(asc(incidentEvents.incidentId), asc(incidentEvents.seq));
  const grouped = groupBy(rows, (row) => row.incidentId);
  return new Map(
    [...grouped].map(([incidentId, events]) => [incidentId, events.map(({ incidentId: _, ...event }) => ({ ...event, type: event.type as ReportEvent['type'] }))]),
  );
}

/**
 * When each person's pages of each incident first reached them: the first push a device accepted, or the first
 * message a contact method accepted (pages only: status-update notices and webhook events are not pages).
 */
export async function firstDeliveriesOf(tx: Tx, incidentIds: string[]): Promise<Map<string, Map<string, Date>>> {
  if (incidentIds.length === 0) return new Map();
  const { outgoingPushes, outgoingMessages } = tx.t;
  const [pushes, messages] = await Promise.all([
    tx
      .select({ incidentId: outgoingPushes.incidentId, userId: outgoingPushes.userId, at: min(outgoingPushes.sentAt) })
      .from(outgoingPushes)
      .where(and(inArray(outgoingPushes.incidentId, incidentIds), isNotNull(outgoingPushes.pageId), eq(outgoingPushes.state, 'sent')))
      .groupBy(outgoingPushes.incidentId, outgoingPushes.userId),
    tx
      .select({ incidentId: outgoingMessages.incidentId, userId: outgoingMessages.userId, at: min(outgoingMessages.sentAt) })
      .from(outgoingMessages)
      .where(and(inArray(outgoingMessages.incidentId, incidentIds), eq(outgoingMessages.kind, 'page'), eq(outgoingMessages.state, 'sent')))
      .groupBy(outgoingMessages.incidentId, outgoingMessages.userId),
  ]);
  const firsts = new Map<string, Map<string, Date>>();
  for (const row of [...pushes, ...messages]) {
    if (!row.incidentId || !row.userId || !(row.at instanceof Date)) continue;
    const byUser = firsts.get(row.incidentId) ?? new Map<string, Date>();
    const earlier = byUser.get(row.userId);
    if (!earlier || row.at < earlier) byUser.set(row.userId, row.at);
    firsts.set(row.incidentId, byUser);
  }
  return firsts;
}

/**
 * The services' own runbooks (class ''), by service. A drill's incident follows its service's own runbook: drill
 * injects never add alerts, so no alert class can pick another (see services/runbooks/incident-runbook).
 */
export async function serviceRunbooksOf(tx: Tx, serviceIds: string[]): Promise<Map<string, string>> {
  if (serviceIds.length === 0) return new Map();
  const { runbooks } = tx.t;
  const rows = await tx
    .select({ serviceId: runbooks.serviceId, markdown: runbooks.markdown })
    .from(runbooks)
    .where(and(inArray(runbooks.serviceId, serviceIds), eq(runbooks.alertClass, '')));
  return new Map(rows.map((row) => [row.serviceId, row.markdown]));
}

/** Steps ticked or unticked on each incident: step index → done. */
export async function runbookTicksOf(tx: Tx, incidentIds: string[]): Promise<Map<string, Map<number, boolean>>> {
  if (incidentIds.length === 0) return new Map();
  const { runbookSteps } = tx.t;
  const rows = await tx
    .select({ incidentId: runbookSteps.incidentId, index: runbookSteps.index, done: runbookSteps.done })
    .from(runbookSteps)
    .where(inArray(runbookSteps.incidentId, incidentIds));
  return new Map([...groupBy(rows, (row) => row.incidentId)].map(([incidentId, ticks]) => [incidentId, new Map(ticks.map((tick) => [tick.index, tick.done]))]));
}

/**
 * The finished or aborted drills of a scenario that started before `before`, oldest first: what a drill is
 * compared with. The latest `limit` of them, so a scenario drilled every week for years stays one quick query.
 */
export async function earlierOverDrills(tx: Tx, scenarioId: string, before: Date, excludeId: string, limit = 100): Promise<MeasuredDrill[]> {
  const { drills } = tx.t;
  const rows = await tx
    .select({
      id: drills.id,
      status: drills.status,
      serviceId: drills.serviceId,
      severity: drills.severity,
      startedAt: drills.startedAt,
      incidentId: drills.incidentId,
    })
    .from(drills)
    .where(
      and(
        eq(drills.scenarioId, scenarioId),
        inArray(drills.status, drillStatuses.filter(isDrillOver)),
        isNotNull(drills.startedAt),
        lt(drills.startedAt, before),
        ne(drills.id, excludeId),
      ),
    )
    .orderBy(desc(drills.startedAt), desc(drills.id))
    .limit(limit);
  return rows.reverse();
}
