import type { EscalationStep } from '../../shared/api/paging';
import { nextEscalationPosition, type EscalationPosition } from '../../shared/domain/escalation';
import type { Clock } from '../clock';
import type { Db, Tx } from '../db/client';
import { dueEscalations, insertEscalation, insertPages, moveEscalations, replaceEscalation, type EscalationRow, type PageRow } from '../db/stores/engine';
import { appendEvents, type NewTimelineEvent } from '../db/stores/incidents';
import { systemEvent } from './system-events';
import { targetResolver, type TargetResolver } from './targets';

const batchSize = 500;

/** What escalating some incidents writes: collected first, then written in a few statements for all of them. */
class StepWrites {
  readonly moves: Array<{ incidentId: string; changes: Pick<EscalationRow, 'step' | 'loop' | 'state' | 'nextStepDueAt'> }> = [];
  readonly pages: PageRow[] = [];
  readonly events: NewTimelineEvent[] = [];

  event(incidentId: string, type: NewTimelineEvent['type'], data: Record<string, unknown>, at: Date) {
    this.events.push(systemEvent(incidentId, type, data, at));
  }

  async apply(tx: Tx): Promise<void> {
    await moveEscalations(tx, this.moves);
    await insertPages(tx, this.pages);
    await appendEvents(tx, this.events);
  }
}

/**
 * Pages a step: resolves its targets to users now, and queues one page per notification
 * rule of each user. Records the step, whom it paged, and whom it left out and why.
 * Returns when the next step is due: after the step's delay, or at once when nobody it pages can be
 * reached (no device), since waiting out the delay would only delay whoever comes next.
 */
async function enterStep(
  writes: StepWrites,
  resolve: TargetResolver,
  incidentId: string,
  steps: EscalationStep[],
  position: EscalationPosition,
  now: Date,
): Promise<Date> {
  const { paged: users, skipped } = await resolve(steps[position.step].targets, now, incidentId);
  for (const user of users) {
    user.rules.forEach((rule, index) =>
      writes.pages.push({
        id: crypto.randomUUID(),
        incidentId,
        userId: user.id,
        step: position.step,
        loop: position.loop,
        rule: index,
        method: rule.method,
        contactMethodId: rule.contactMethodId ?? null,
        dueAt: new Date(now.getTime() + rule.delaySeconds * 1000),
        state: 'pending',
      }),
    );
  }
  writes.event(incidentId, 'step_reached', { step: position.step + 1, of: steps.length, loop: position.loop, users: users.map((user) => user.name) }, now);
  for (const user of skipped) {
    writes.event(incidentId, 'user_unreachable', { userId: user.id, user: user.name, step: position.step + 1, reason: user.reason }, now);
  }
  if (users.some((user) => user.reachable)) return new Date(now.getTime() + steps[position.step].delaySeconds * 1000);
  writes.event(incidentId, 'step_unreachable', { step: position.step + 1, of: steps.length, last: position.step === steps.length - 1 }, now);
  return now;
}

/** Decides one escalation's next move (when due, or at once for a manual escalate) and what it writes. */
async function planAdvance(writes: StepWrites, resolve: TargetResolver, row: EscalationRow, now: Date, manual: boolean): Promise<void> {
  const next = nextEscalationPosition({ step: row.step, loop: row.loop }, row.steps.length, row.repeat, manual);
  if (next.exhausted) {
    writes.moves.push({ incidentId: row.incidentId, changes: { step: row.step, loop: row.loop, state: 'exhausted', nextStepDueAt: null } });
    writes.event(row.incidentId, 'escalation_exhausted', { loops: row.repeat + 1 }, now);
    return;
  }
  const { position } = next;
  const nextStepDueAt = await enterStep(writes, resolve, row.incidentId, row.steps, position, now);
  writes.moves.push({ incidentId: row.incidentId, changes: { ...position, state: 'active', nextStepDueAt } });
}

/** Starts paging a freshly triggered incident at step 1, a real one or a drill's; call inside the trigger's transaction. */
export async function startEscalation(
  tx: Tx,
  incidentId: string,
  policy: { id: string; steps: EscalationStep[]; repeat: number },
  now: Date,
  drillId: string | null,
): Promise<void> {
  const writes = new StepWrites();
  const resolve = targetResolver(tx);
  if (drillId === null) resolve.isReal(incidentId);
  const nextStepDueAt = await enterStep(writes, resolve, incidentId, policy.steps, { step: 0, loop: 0 }, now);
  const row: EscalationRow = { incidentId, policyId: policy.id, steps: policy.steps, repeat: policy.repeat, step: 0, loop: 0, state: 'active', nextStepDueAt };
  await insertEscalation(tx, row);
  await writes.apply(tx);
}

/**
 * Starts paging again at step 1 of `policy` (a reassign, a snooze running out, a reopen), replacing whatever
 * escalation the incident had; the caller has stopped the old paging in the same transaction.
 */
export async function restartEscalation(tx: Tx, incidentId: string, policy: { id: string; steps: EscalationStep[]; repeat: number }, now: Date): Promise<void> {
  const writes = new StepWrites();
  const nextStepDueAt = await enterStep(writes, targetResolver(tx), incidentId, policy.steps, { step: 0, loop: 0 }, now);
  await replaceEscalation(tx, { incidentId, policyId: policy.id, steps: policy.steps, repeat: policy.repeat, step: 0, loop: 0, state: 'active', nextStepDueAt });
  await writes.apply(tx);
}

/** Moves one escalation on at once (a manual escalate); call inside a transaction. */
export async function escalateNow(tx: Tx, row: EscalationRow, now: Date): Promise<void> {
  const writes = new StepWrites();
  await planAdvance(writes, targetResolver(tx), row, now, true);
  await writes.apply(tx);
}

/**
 * Engine module: every escalation whose step delay ran out moves to its next step. A batch is read, decided
 * and written together, at the time the batch runs: under an alert storm thousands of steps fall due at once,
 * and a few statements per batch (rather than per step) keep the last of them on time.
 */
export async function runEscalations(db: Db, clock: Clock): Promise<string[]> {
  const touched: string[] = [];
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      const now = clock.now();
      const resolve = targetResolver(tx);
      const due = await dueEscalations(tx, now, batchSize);
      await resolve.preload(due.map((row) => row.incidentId));
      const writes = new StepWrites();
      for (const row of due) await planAdvance(writes, resolve, row, now, false);
      await writes.apply(tx);
      return due.map((row) => row.incidentId);
    });
    touched.push(...batch);
    if (batch.length < batchSize) return touched;
  }
}
