import type { Runbook } from '../../../shared/api/runbooks';
import type { Db } from '../../db/client';
import { findRunbook, upsertRunbook } from '../../db/stores/runbooks';
import { findService } from '../../db/stores/services';
import { notFound } from '../../errors';

/** Writes (or replaces) a service's runbook: its own when `alertClass` is null, else the one for that class. */
export async function saveRunbook(
  db: Db,
  now: Date,
  input: { serviceId: string; alertClass: string | null; markdown: string },
  userId: string,
): Promise<Runbook> {
  return db.transaction(async (tx) => {
    if (!(await findService(tx, input.serviceId))) throw notFound(`service ${input.serviceId}`);
    const alertClass = input.alertClass ?? '';
    await upsertRunbook(tx, { serviceId: input.serviceId, alertClass, markdown: input.markdown, updatedAt: now, updatedBy: userId });
    return (await findRunbook(tx, input.serviceId, alertClass))!;
  });
}
