import type { Db } from '../../db/client';
import { deleteServiceWebhookRow } from '../../db/stores/service-webhooks';
import { findService } from '../../db/stores/services';
import { notFound } from '../../errors';

/** Events not yet sent to it are dropped with it; another service's webhook is not found. */
export async function deleteServiceWebhook(db: Db, serviceId: string, webhookId: string): Promise<void> {
  await db.transaction(async (tx) => {
    if (!(await findService(tx, serviceId))) throw notFound(`service ${serviceId}`);
    if (!(await deleteServiceWebhookRow(tx, serviceId, webhookId))) throw notFound(`webhook ${webhookId}`);
  });
}
