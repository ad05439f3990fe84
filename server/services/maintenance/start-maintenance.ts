import type { User } from '../../../shared/api/accounts';
import type { MaintenanceWindow } from '../../../shared/api/detection';
import type { Db } from '../../db/client';
import { currentAndUpcomingWindows, insertMaintenanceWindow } from '../../db/stores/maintenance-windows';
import { findService } from '../../db/stores/services';
import { badRequest, notFound } from '../../errors';

export type MaintenanceRequest = { minutes: number } | { start?: string; end: string };

/** Opens a window now for some minutes, or from `start` (default now) to `end`. */
export async function startMaintenance(db: Db, serviceId: string, input: MaintenanceRequest, by: Pick<User, 'id'>, now: Date): Promise<MaintenanceWindow> {
  const startsAt = 'minutes' in input || !input.start ? now : new Date(input.start);
  const endsAt = 'minutes' in input ? new Date(now.getTime() + input.minutes * 60_000) : new Date(input.end);
  if (endsAt <= now) throw badRequest('end must be in the future');
  if (endsAt <= startsAt) throw badRequest('end must be after start');
  return db.transaction(async (tx) => {
    if (!(await findService(tx, serviceId))) throw notFound(`service ${serviceId}`);
    const id = crypto.randomUUID();
    await insertMaintenanceWindow(tx, { id, serviceId, startsAt, endsAt, createdById: by.id, createdAt: now });
    const window = (await currentAndUpcomingWindows(tx, serviceId, now)).find((candidate) => candidate.id === id);
    return window!;
  });
}
