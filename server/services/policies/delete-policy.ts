import type { Db } from '../../db/client';
import { deletePolicyRow, findPolicy } from '../../db/stores/escalation-policies';
import { conflict, notFound } from '../../errors';
import { serviceNames } from '../../db/stores/services';
import { joinAnd } from '../../../shared/domain/wording';

/** Refused while a service pages through the policy, so deleting it cannot silently stop paging. */
export async function deletePolicy(db: Db, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const policy = await findPolicy(tx, id);
    if (!policy) throw notFound(`escalation policy ${id}`);
    if (policy.serviceIds.length > 0) {
      const names = await serviceNames(tx, policy.serviceIds);
      const them = names.length === 1 ? 'it' : 'them';
      throw conflict(`escalation policy ${policy.name} is used by ${joinAnd(names)}; point ${them} to another policy first`);
    }
    await deletePolicyRow(tx, id);
  });
}
