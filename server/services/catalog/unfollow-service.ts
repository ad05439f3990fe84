import type { ServiceFollow } from '../../../shared/api/incidents';
import { unfollowServiceRow } from '../../db/stores/followers';
import { findService } from '../../db/stores/services';
import { notFound } from '../../errors';
import type { Runtime } from '../../runtime';

export async function unfollowService(rt: Runtime, serviceId: string, userId: string): Promise<ServiceFollow> {
  return rt.db.transaction(async (tx) => {
    if (!(await findService(tx, serviceId))) throw notFound(`service ${serviceId}`);
    await unfollowServiceRow(tx, serviceId, userId);
    return { following: false, viaContactMethods: false };
  });
}
