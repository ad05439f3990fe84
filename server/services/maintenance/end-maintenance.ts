import type { Db } from '../../db/client';
import { deleteMaintenanceWindow, findMaintenanceWindow, setWindowEnd } from '../../db/stores/maintenance-windows';
import { notFound } from '../../errors';

/** Ends a running window now (it stays on record), or drops one that has not begun. */
export async function endMaintenance(db: Db, serviceId: string, windowId: string, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const window = await findMaintenanceWindow(tx, serviceId, windowId);
    if (!window || window.endsAt <= now) throw notFound(`maintenance window ${windowId}`);
    if (window.startsAt > now) await deleteMaintenanceWindow(tx, window.id);
    else await setWindowEnd(tx, window.id, now);
  });
}
