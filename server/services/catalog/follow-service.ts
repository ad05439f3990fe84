import type { ServiceFollow } from '../../../shared/api/incidents';
import { followServiceRow } from '../../db/stores/followers';
import { findService } from '../../db/stores/services';
import { notFound } from '../../errors';
import type { Runtime } from '../../runtime';

/** A stakeholder follows every incident of a service, present and future. */
export async function followService(rt: Runtime, serviceId: string, userId: string, viaContactMethods: boolean): Promise<ServiceFollow> {
  return rt.db.transaction(async (tx) => {
    if (!(await findService(tx, serviceId))) throw notFound(`service ${serviceId}`);
    await followServiceRow(tx, serviceId, userId, viaContactMethods, rt.clock.now());
    return { following: true, viaContactMethods };
  });
}
