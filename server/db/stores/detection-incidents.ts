import { and, count, desc, eq, gt, ne, sql } from 'drizzle-orm';
import type { Severity } from '../../../shared/domain/severity';
import type { Tx } from '../client';
import { prepared } from '../prepared';

/** What ingestion asks about a service's incidents: the open one for an alert group, recent ones, the open storm. */
export async function openIncidentForGroup(tx: Tx, serviceId: string, groupKey: string): Promise<{ id: string; severity: Severity } | undefined> {
  const { incidents } = tx.t;
  const [row] = await tx
    .select({ id: incidents.id, severity: incidents.severity })
    .from(incidents)
    .where(and(eq(incidents.serviceId, serviceId), eq(incidents.alertGroupKey, groupKey), ne(incidents.status, 'resolved')))
    .orderBy(desc(incidents.number))
    .limit(1);
  return row;
}

/**
 * Incidents integrations opened on a service since a time, counted up to `cap` (the alert-storm threshold): past
 * it the exact number does not matter, and a busy service may have opened thousands. Prepared, with the storm
 * lookup below: both are asked for every new alert.
 */
export async function integrationIncidentsSince(tx: Tx, serviceId: string, since: Date, cap: number): Promise<number> {
  const statement = prepared(tx, 'integration_incidents_since', (h) => {
    const { incidents } = h.t;
    const recent = h
      .select({ id: incidents.id })
      .from(incidents)
      .where(and(eq(incidents.serviceId, sql.placeholder('serviceId')), eq(incidents.origin, 'integration'), gt(incidents.detectedAt, sql.placeholder('since'))))
      .limit(sql.placeholder('cap'))
      .as('recent');
    return h.select({ n: count() }).from(recent);
  });
  // Comparison placeholders are not encoded by their column: the time goes in as the column stores it.
  const [row] = await statement.execute({ serviceId, since: tx.t.incidents.detectedAt.mapToDriverValue(since), cap });
  return row?.n ?? 0;
}

export async function openStormIncident(tx: Tx, serviceId: string): Promise<{ id: string; severity: Severity; updatedAt: Date } | undefined> {
  const statement = prepared(tx, 'open_storm_incident', (h) => {
    const { incidents } = h.t;
    return (
      h
        .select({ id: incidents.id, severity: incidents.severity, updatedAt: incidents.updatedAt })
        .from(incidents)
        .where(and(eq(incidents.serviceId, sql.placeholder('serviceId')), eq(incidents.origin, 'storm'), ne(incidents.status, 'resolved')))
        // By detection time, so the (service, origin, detected_at) index finds it among the service's storms only.
        .orderBy(desc(incidents.detectedAt))
        .limit(1)
    );
  });
  const [row] = await statement.execute({ serviceId });
  return row;
}
