import type { Db } from '../../db/client';
import { deletePolicyRow, findPolicy } from '../../db/stores/escalation-policies';
import { conflict, notFound } from '../../errors';

/** Refused while a service pages through the policy, so deleting it cannot silently stop paging. */
export async function deletePolicy(db: Db, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const policy = await findPolicy(tx, id);
    if (!policy) throw notFound(`escalation policy ${id}`);
    if (policy.serviceIds.length > 0) {
      throw conflict(`escalation policy ${policy.name} is used by ${policy.serviceIds.length} service(s); point them elsewhere first`);
    }
    await deletePolicyRow(tx, id);
  });
}
