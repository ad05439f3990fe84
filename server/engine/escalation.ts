import type { EscalationStep } from '../../shared/api/paging';
import { nextEscalationPosition, type EscalationPosition } from '../../shared/domain/escalation';
import type { Clock } from '../clock';
import type { Db, Tx } from '../db/client';
import { dueEscalations, insertEscalation, insertPages, moveEscalation, type EscalationRow } from '../db/stores/engine';
import { recordSystemEvent } from './system-events';
import { targetResolver, type TargetResolver } from './targets';

const batchSize = 500;

/**
 * Pages a step: resolves its targets to users now, and queues one page per notification
 * rule of each user. Records the step, whom it paged, and whom it left out and why.
 */
async function enterStep(tx: Tx, resolve: TargetResolver, incidentId: string, steps: EscalationStep[], position: EscalationPosition, now: Date): Promise<void> {
  const { paged: users, skipped } = await resolve(steps[position.step].targets, now);
  await insertPages(
    tx,
    users.flatMap((user) =>
      user.rules.map((rule, index) => ({
        id: crypto.randomUUID(),
        incidentId,
        userId: user.id,
        step: position.step,
        loop: position.loop,
        rule: index,
        dueAt: new Date(now.getTime() + rule.delaySeconds * 1000),
        state: 'pending' as const,
      })),
    ),
  );
  const data = { step: position.step + 1, of: steps.length, loop: position.loop, users: users.map((user) => user.name) };
  await recordSystemEvent(tx, incidentId, 'step_reached', data, now);
  for (const user of skipped) {
    await recordSystemEvent(tx, incidentId, 'user_unreachable', { userId: user.id, user: user.name, step: position.step + 1, reason: user.reason }, now);
  }
}

/** Starts paging a freshly triggered incident at step 1; call inside the trigger's transaction. */
export async function startEscalation(tx: Tx, incidentId: string, policy: { id: string; steps: EscalationStep[]; repeat: number }, now: Date): Promise<void> {
  const row: EscalationRow = {
    incidentId,
    policyId: policy.id,
    steps: policy.steps,
    repeat: policy.repeat,
    step: 0,
    loop: 0,
    state: 'active',
    nextStepDueAt: new Date(now.getTime() + policy.steps[0].delaySeconds * 1000),
  };
  await insertEscalation(tx, row);
  await enterStep(tx, targetResolver(tx), incidentId, policy.steps, { step: 0, loop: 0 }, now);
}

/** Moves one escalation on (when due, or at once for a manual escalate); call inside a transaction. */
export async function advanceEscalation(tx: Tx, row: EscalationRow, now: Date, manual = false, resolve = targetResolver(tx)): Promise<void> {
  const next = nextEscalationPosition({ step: row.step, loop: row.loop }, row.steps.length, row.repeat, manual);
  if (next.exhausted) {
    await moveEscalation(tx, row.incidentId, { step: row.step, loop: row.loop, state: 'exhausted', nextStepDueAt: null });
    await recordSystemEvent(tx, row.incidentId, 'escalation_exhausted', { loops: row.repeat + 1 }, now);
    return;
  }
  const { position } = next;
  const nextStepDueAt = new Date(now.getTime() + row.steps[position.step].delaySeconds * 1000);
  await moveEscalation(tx, row.incidentId, { ...position, state: 'active', nextStepDueAt });
  await enterStep(tx, resolve, row.incidentId, row.steps, position, now);
}

/**
 * Engine module: every escalation whose step delay ran out moves to its next step. Time is
 * read per step, so a large backlog records (and schedules from) when each step really ran.
 */
export async function runEscalations(db: Db, clock: Clock): Promise<string[]> {
  const touched: string[] = [];
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      const resolve = targetResolver(tx);
      const due = await dueEscalations(tx, clock.now(), batchSize);
      for (const row of due) await advanceEscalation(tx, row, clock.now(), false, resolve);
      return due.map((row) => row.incidentId);
    });
    touched.push(...batch);
    if (batch.length < batchSize) return touched;
  }
}
