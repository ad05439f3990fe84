import { and, count, desc, eq, isNotNull, sql } from 'drizzle-orm';
import type { Alert } from '../../../shared/api/detection';
import type { Tx } from '../client';
import { placeholders, prepared } from '../prepared';
import type { AlertRow, Tables } from '../schema/index';

export type { AlertRow };

export function toAlert(row: AlertRow): Alert {
  return {
    id: row.id,
    serviceId: row.serviceId,
    incidentId: row.incidentId,
    source: row.source,
    dedupKey: row.dedupKey,
    status: row.status,
    summary: row.summary,
    severity: row.severity,
    details: row.details,
    links: row.links,
    images: row.images,
    client: row.client,
    clientUrl: row.clientUrl,
    startedAt: row.startedAt?.toISOString() ?? null,
    firstSeenAt: row.firstSeenAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    count: row.count,
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    inMaintenance: row.inMaintenance,
  };
}

/** `'resolved'` as a literal: only then may the database use the partial index of open alerts. */
const isOpen = (alerts: Tables['alerts']) => sql`${alerts.status} <> 'resolved'`;

/** The service's open (not resolved) alert with this key; there is at most one. Prepared: it runs for every event. */
export async function findOpenAlert(tx: Tx, serviceId: string, dedupKey: string): Promise<AlertRow | undefined> {
  const query = prepared(tx, 'find_open_alert', (h) => {
    const { alerts } = h.t;
    return h
      .select()
      .from(alerts)
      .where(and(eq(alerts.serviceId, sql.placeholder('serviceId')), eq(alerts.dedupKey, sql.placeholder('dedupKey')), isOpen(alerts)))
      .limit(1);
  });
  const [row] = await query.execute({ serviceId, dedupKey });
  return row;
}

/**
 * Prepared: every new alert is one. Drizzle would hand a null to a date column's encoder, so the two dates that
 * may be missing go in unencoded, as the column stores them.
 */
export async function insertAlert(tx: Tx, row: AlertRow): Promise<void> {
  const { startedAt, resolvedAt } = tx.t.alerts;
  const statement = prepared(tx, 'insert_alert', (h) =>
    h.insert(h.t.alerts).values({
      ...placeholders(alertColumns),
      startedAt: sql`${sql.placeholder('startedAt')}`,
      resolvedAt: sql`${sql.placeholder('resolvedAt')}`,
    }),
  );
  await statement.execute({
    ...row,
    startedAt: row.startedAt && startedAt.mapToDriverValue(row.startedAt),
    resolvedAt: row.resolvedAt && resolvedAt.mapToDriverValue(row.resolvedAt),
  });
}

const alertColumns = [
  'id',
  'serviceId',
  'incidentId',
  'source',
  'dedupKey',
  'status',
  'summary',
  'severity',
  'details',
  'links',
  'images',
  'client',
  'clientUrl',
  'firstSeenAt',
  'lastSeenAt',
  'count',
  'inMaintenance',
] as const satisfies ReadonlyArray<keyof AlertRow>;

export async function updateAlert(tx: Tx, id: string, changes: Partial<Omit<AlertRow, 'id' | 'serviceId' | 'dedupKey'>>): Promise<void> {
  const { alerts } = tx.t;
  await tx.update(alerts).set(changes).where(eq(alerts.id, id));
}

export type RepeatFields = Pick<AlertRow, 'summary' | 'severity' | 'details' | 'links' | 'images' | 'client' | 'clientUrl' | 'lastSeenAt'>;

/**
 * What a repeat writes: the latest payload, one more firing. Drizzle encodes placeholders in `set` by their
 * column (JSON, dates) like any value; only its types leave them out.
 */
const repeatSet = (alerts: Tables['alerts']) =>
  ({
    summary: sql.placeholder('summary'),
    severity: sql.placeholder('severity'),
    details: sql.placeholder('details'),
    links: sql.placeholder('links'),
    images: sql.placeholder('images'),
    client: sql.placeholder('client'),
    clientUrl: sql.placeholder('clientUrl'),
    lastSeenAt: sql.placeholder('lastSeenAt'),
    count: sql`${alerts.count} + 1`,
  }) as unknown as Partial<AlertRow>;

/** Records a repeat on an alert already found (and its service locked). */
export async function recordRepeat(tx: Tx, alertId: string, fields: RepeatFields): Promise<void> {
  const statement = prepared(tx, 'record_alert_repeat', (h) => {
    const { alerts } = h.t;
    return h.update(alerts).set(repeatSet(alerts)).where(eq(alerts.id, sql.placeholder('id')));
  });
  await statement.execute({ ...fields, id: alertId });
}

/**
 * Records a repeat of the service's open alert with this key if it belongs to an incident, in one statement:
 * the common case (a tool resending what it already sent) needs no lock and no other read. Returns the
 * alert's incident, or nothing when there is no such alert and the full path must decide.
 */
export async function recordRepeatOfOpenAlert(tx: Tx, serviceId: string, dedupKey: string, fields: RepeatFields): Promise<{ incidentId: string } | undefined> {
  const statement = prepared(tx, 'record_open_alert_repeat', (h) => {
    const { alerts } = h.t;
    return h
      .update(alerts)
      .set(repeatSet(alerts))
      .where(and(eq(alerts.serviceId, sql.placeholder('serviceId')), eq(alerts.dedupKey, sql.placeholder('dedupKey')), isOpen(alerts), isNotNull(alerts.incidentId)))
      .returning({ incidentId: alerts.incidentId });
  });
  const [row] = await statement.execute({ ...fields, serviceId, dedupKey });
  return row?.incidentId ? { incidentId: row.incidentId } : undefined;
}

/** How many of an incident's alerts are still open. */
export async function openAlertCount(tx: Tx, incidentId: string): Promise<number> {
  const { alerts } = tx.t;
  const [row] = await tx
    .select({ open: count() })
    .from(alerts)
    .where(and(eq(alerts.incidentId, incidentId), isOpen(alerts)));
  return row?.open ?? 0;
}

export async function alertCountOf(tx: Tx, incidentId: string): Promise<number> {
  const { alerts } = tx.t;
  const [row] = await tx.select({ all: count() }).from(alerts).where(eq(alerts.incidentId, incidentId));
  return row?.all ?? 0;
}

/** A resolved incident's alerts are over too: their keys may open a new incident. */
export async function resolveAlertsOfIncident(tx: Tx, incidentId: string, now: Date): Promise<void> {
  const { alerts } = tx.t;
  await tx
    .update(alerts)
    .set({ status: 'resolved', resolvedAt: now })
    .where(and(eq(alerts.incidentId, incidentId), isOpen(alerts)));
}

export async function alertsOfIncident(tx: Tx, incidentId: string, limit = 200): Promise<AlertRow[]> {
  const { alerts } = tx.t;
  return tx.select().from(alerts).where(eq(alerts.incidentId, incidentId)).orderBy(desc(alerts.lastSeenAt)).limit(limit);
}

/** The service's latest alerts, those received in maintenance among them (they belong to no incident). */
export async function recentAlertsOfService(tx: Tx, serviceId: string, limit: number): Promise<AlertRow[]> {
  const { alerts } = tx.t;
  return tx.select().from(alerts).where(eq(alerts.serviceId, serviceId)).orderBy(desc(alerts.lastSeenAt)).limit(limit);
}
