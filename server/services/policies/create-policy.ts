import type { EscalationPolicy, EscalationPolicyInput } from '../../../shared/api/paging';
import type { Db } from '../../db/client';
import { insertPolicy } from '../../db/stores/escalation-policies';
import { assertTargetsPageable } from './pageable-targets';

export function createPolicy(db: Db, input: EscalationPolicyInput, now: Date): EscalationPolicy {
  return db.transaction((tx) => {
    assertTargetsPageable(tx, input);
    return insertPolicy(tx, input, now);
  });
}
