import { and, asc, eq, gt, lte, sql } from 'drizzle-orm';
import type { MaintenanceWindow } from '../../../shared/api/detection';
import type { Tx } from '../client';
import { prepared } from '../prepared';
import type { MaintenanceWindowRow, Tables } from '../schema/index';

export function toMaintenanceWindow(row: MaintenanceWindowRow & { createdByName: string | null }): MaintenanceWindow {
  return {
    id: row.id,
    serviceId: row.serviceId,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    createdBy: row.createdById && row.createdByName ? { id: row.createdById, name: row.createdByName } : null,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function insertMaintenanceWindow(tx: Tx, row: Tables['maintenanceWindows']['$inferInsert']): Promise<void> {
  await tx.insert(tx.t.maintenanceWindows).values(row);
}

/** Windows not over yet (running or ahead), soonest first. */
export async function currentAndUpcomingWindows(tx: Tx, serviceId: string, now: Date) {
  const { maintenanceWindows, users } = tx.t;
  const rows = await tx
    .select({ window: maintenanceWindows, createdByName: users.name })
    .from(maintenanceWindows)
    .leftJoin(users, eq(users.id, maintenanceWindows.createdById))
    .where(and(eq(maintenanceWindows.serviceId, serviceId), gt(maintenanceWindows.endsAt, now)))
    .orderBy(asc(maintenanceWindows.startsAt));
  return rows.map((row) => toMaintenanceWindow({ ...row.window, createdByName: row.createdByName }));
}

/** Prepared: asked for every new alert. */
export async function isInMaintenance(tx: Tx, serviceId: string, now: Date): Promise<boolean> {
  const statement = prepared(tx, 'in_maintenance', (h) => {
    const { maintenanceWindows } = h.t;
    return h
      .select({ id: maintenanceWindows.id })
      .from(maintenanceWindows)
      .where(and(eq(maintenanceWindows.serviceId, sql.placeholder('serviceId')), lte(maintenanceWindows.startsAt, sql.placeholder('now')), gt(maintenanceWindows.endsAt, sql.placeholder('now'))))
      .limit(1);
  });
  // Comparison placeholders are not encoded by their column: the time goes in as the column stores it.
  const [row] = await statement.execute({ serviceId, now: tx.t.maintenanceWindows.startsAt.mapToDriverValue(now) });
  return row !== undefined;
}

export async function findMaintenanceWindow(tx: Tx, serviceId: string, id: string): Promise<MaintenanceWindowRow | undefined> {
  const { maintenanceWindows } = tx.t;
  const [row] = await tx
    .select()
    .from(maintenanceWindows)
    .where(and(eq(maintenanceWindows.serviceId, serviceId), eq(maintenanceWindows.id, id)))
    .limit(1);
  return row;
}

export async function setWindowEnd(tx: Tx, id: string, endsAt: Date): Promise<void> {
  const { maintenanceWindows } = tx.t;
  await tx.update(maintenanceWindows).set({ endsAt }).where(eq(maintenanceWindows.id, id));
}

export async function deleteMaintenanceWindow(tx: Tx, id: string): Promise<void> {
  const { maintenanceWindows } = tx.t;
  await tx.delete(maintenanceWindows).where(eq(maintenanceWindows.id, id));
}
