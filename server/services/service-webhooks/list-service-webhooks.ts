import type { ServiceWebhook } from '../../../shared/api/service-webhooks';
import type { Db } from '../../db/client';
import { serviceWebhooksOf } from '../../db/stores/service-webhooks';
import { findService } from '../../db/stores/services';
import { notFound } from '../../errors';

/** An unknown service is not found, rather than read as one without webhooks. */
export async function listServiceWebhooks(db: Db, serviceId: string): Promise<ServiceWebhook[]> {
  return db.transaction(async (tx) => {
    if (!(await findService(tx, serviceId))) throw notFound(`service ${serviceId}`);
    return serviceWebhooksOf(tx, serviceId);
  });
}
