import { and, eq, gte, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { alertClassOf } from '../../../shared/domain/alert-class';
import type { MetricsIncidentRow } from '../../../shared/domain/metrics';
import type { Severity } from '../../../shared/domain/severity';
import type { Tx } from '../client';
import type { Tables } from '../schema/index';

export interface MetricsFilter {
  from: Date;
  to: Date;
  serviceId?: string;
  severity?: Severity[];
}

/** Which incidents count: real ones (a game-day drill is practice, not production) detected in [from, to), narrowed by service and severity. */
function countedIncidents({ incidents }: Tables, filter: MetricsFilter): SQL {
  const conditions: SQL[] = [isNull(incidents.drillId), gte(incidents.detectedAt, filter.from), lt(incidents.detectedAt, filter.to)];
  if (filter.serviceId) conditions.push(eq(incidents.serviceId, filter.serviceId));
  if (filter.severity) conditions.push(inArray(incidents.severity, filter.severity));
  return and(...conditions)!;
}

/**
 * The two fields of an alert's details that may name its class, when they are strings. Only these leave the
 * database: an alert's details may be hundreds of kilobytes, and two years hold thousands of alerts. Which one
 * wins, and what counts as empty, stays with alertClassOf.
 */
function classFields(tx: Tx) {
  const { details } = tx.t.alerts;
  if (tx.backend === 'postgres') {
    return {
      className: sql<string | null>`case when jsonb_typeof(${details}->'class') = 'string' then ${details}->>'class' end`,
      alertname: sql<string | null>`case when jsonb_typeof(${details}->'labels'->'alertname') = 'string' then ${details}->'labels'->>'alertname' end`,
    };
  }
  return {
    className: sql<string | null>`case when json_type(${details}, '$.class') = 'text' then json_extract(${details}, '$.class') end`,
    alertname: sql<string | null>`case when json_type(${details}, '$.labels.alertname') = 'text' then json_extract(${details}, '$.labels.alertname') end`,
  };
}

/** The timestamps and alert classes of the counted incidents; the figures are computed in shared/domain/metrics. */
export async function loadMetricsRows(tx: Tx, filter: MetricsFilter): Promise<MetricsIncidentRow[]> {
  const { incidents, services, alerts } = tx.t;
  const where = countedIncidents(tx.t, filter);
  const [rows, alertRows] = await Promise.all([
    tx
      .select({
        incidentId: incidents.id,
        serviceId: incidents.serviceId,
        serviceName: services.name,
        startedAt: incidents.startedAt,
        detectedAt: incidents.detectedAt,
        acknowledgedAt: incidents.acknowledgedAt,
        resolvedAt: incidents.resolvedAt,
      })
      .from(incidents)
      .innerJoin(services, eq(services.id, incidents.serviceId))
      .where(where),
    tx
      .select({ incidentId: incidents.id, ...classFields(tx) })
      .from(alerts)
      .innerJoin(incidents, eq(incidents.id, alerts.incidentId))
      .where(where),
  ]);
  const classes = new Map<string, Set<string>>();
  for (const { incidentId, className, alertname } of alertRows) {
    const alertClass = alertClassOf({ class: className, labels: { alertname } });
    if (alertClass === null) continue;
    const set = classes.get(incidentId) ?? new Set();
    set.add(alertClass);
    classes.set(incidentId, set);
  }
  return rows.map((row) => ({ ...row, alertClasses: [...(classes.get(row.incidentId) ?? [])] }));
}
