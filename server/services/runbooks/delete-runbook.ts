import type { Db } from '../../db/client';
import { deleteRunbook } from '../../db/stores/runbooks';
import { findService } from '../../db/stores/services';
import { notFound } from '../../errors';

/** Incidents following it keep their ticks; they show no runbook (or the service's own) from now on. */
export async function removeRunbook(db: Db, serviceId: string, alertClass: string | null): Promise<void> {
  await db.transaction(async (tx) => {
    if (!(await findService(tx, serviceId))) throw notFound(`service ${serviceId}`);
    if (!(await deleteRunbook(tx, serviceId, alertClass ?? ''))) throw notFound(runbookName(serviceId, alertClass));
  });
}

export const runbookName = (serviceId: string, alertClass: string | null) =>
  alertClass === null ? `runbook of service ${serviceId}` : `runbook for class "${alertClass}" of service ${serviceId}`;
