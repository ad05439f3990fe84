import type { EscalationPolicy, EscalationPolicyInput } from '../../../shared/api/paging';
import type { Db } from '../../db/client';
import { replacePolicyRow } from '../../db/stores/escalation-policies';
import { notFound } from '../../errors';
import { assertTargetsPageable } from './pageable-targets';

/** Replaces the whole policy; incidents already paging keep the steps they started with. */
export async function replacePolicy(db: Db, id: string, input: EscalationPolicyInput): Promise<EscalationPolicy> {
  const policy = await db.transaction(async (tx) => {
    await assertTargetsPageable(tx, input);
    return replacePolicyRow(tx, id, input);
  });
  if (!policy) throw notFound(`escalation policy ${id}`);
  return policy;
}
