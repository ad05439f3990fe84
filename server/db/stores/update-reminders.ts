import { and, asc, eq, lte, min, ne } from 'drizzle-orm';
import type { Tx } from '../client';
import { forUpdate } from '../row-locks';
import type { IncidentRow } from '../schema/index';

/** What status updates and their reminders read of an incident beyond its API shape. */
export type CadenceRow = Pick<
  IncidentRow,
  'id' | 'number' | 'title' | 'status' | 'severity' | 'serviceId' | 'detectedAt' | 'roles' | 'acknowledgedById' | 'updateCadenceMinutes' | 'lastStatusUpdateAt' | 'updateReminderAt' | 'drillId'
> & { serviceName: string };

const cadenceColumns = (tx: Tx) => {
  const { incidents, services } = tx.t;
  return {
    id: incidents.id,
    number: incidents.number,
    title: incidents.title,
    status: incidents.status,
    severity: incidents.severity,
    serviceId: incidents.serviceId,
    serviceName: services.name,
    detectedAt: incidents.detectedAt,
    roles: incidents.roles,
    acknowledgedById: incidents.acknowledgedById,
    updateCadenceMinutes: incidents.updateCadenceMinutes,
    lastStatusUpdateAt: incidents.lastStatusUpdateAt,
    updateReminderAt: incidents.updateReminderAt,
    drillId: incidents.drillId,
  };
};

export async function findCadenceRow(tx: Tx, incidentId: string, options: { lock?: boolean } = {}): Promise<CadenceRow | undefined> {
  const { incidents, services } = tx.t;
  const query = tx.select(cadenceColumns(tx)).from(incidents).innerJoin(services, eq(services.id, incidents.serviceId)).where(eq(incidents.id, incidentId)).limit(1);
  const [row] = await (options.lock ? forUpdate(tx, query, { of: incidents }) : query);
  return row;
}

/**
 * Claims open incidents whose status update reminder is due. With several instances each locks the incidents it
 * takes and skips those another holds, so a reminder goes out once.
 */
export async function dueUpdateReminders(tx: Tx, now: Date, limit: number): Promise<CadenceRow[]> {
  const { incidents, services } = tx.t;
  const query = tx
    .select(cadenceColumns(tx))
    .from(incidents)
    .innerJoin(services, eq(services.id, incidents.serviceId))
    .where(and(lte(incidents.updateReminderAt, now), ne(incidents.status, 'resolved')))
    .orderBy(asc(incidents.updateReminderAt))
    .limit(limit);
  return forUpdate(tx, query, { skipLocked: true, of: incidents });
}

/** The earliest reminder due on an open incident, for the engine's timer. */
export async function nextUpdateReminder(tx: Tx): Promise<Date | null> {
  const { incidents } = tx.t;
  const [row] = await tx.select({ at: min(incidents.updateReminderAt) }).from(incidents).where(ne(incidents.status, 'resolved'));
  return row?.at ?? null;
}
