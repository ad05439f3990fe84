import type { EscalationPolicy, EscalationPolicyInput } from '../../../shared/api/paging';
import type { Db } from '../../db/client';
import { insertPolicy } from '../../db/stores/escalation-policies';
import { assertTargetsPageable } from './pageable-targets';

export async function createPolicy(db: Db, input: EscalationPolicyInput, now: Date): Promise<EscalationPolicy> {
  return db.transaction(async (tx) => {
    await assertTargetsPageable(tx, input);
    return insertPolicy(tx, input, now);
  });
}
