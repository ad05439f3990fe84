import { whyMayNotAct } from '../../../shared/api/common';
import type { EscalationPolicyInput } from '../../../shared/api/paging';
import type { Tx } from '../../db/client';
import { findScheduleRow } from '../../db/stores/schedules';
import { findUser } from '../../db/stores/users';
import { badRequest } from '../../errors';

/**
 * Every target must exist, so a typo cannot leave a step that pages nobody, and a named user must
 * be allowed to act on incidents: a viewer's page would carry a token that acknowledges what the
 * API refuses them, and paging someone who cannot act only delays whoever can.
 */
export async function assertTargetsPageable(tx: Tx, input: EscalationPolicyInput): Promise<void> {
  for (const [stepIndex, step] of input.steps.entries()) {
    for (const [targetIndex, target] of step.targets.entries()) {
      const field = `steps.${stepIndex}.targets.${targetIndex}.id`;
      if (target.type === 'schedule') {
        if (!(await findScheduleRow(tx, target.id))) throw badRequest(`${field}: no schedule with id ${target.id}`);
        continue;
      }
      const user = await findUser(tx, target.id);
      if (!user) throw badRequest(`${field}: no user with id ${target.id}`);
      const whyNot = whyMayNotAct(user);
      if (whyNot) throw badRequest(`${field}: ${user.name} ${whyNot}; only active responders and admins may be paged`);
    }
  }
}
