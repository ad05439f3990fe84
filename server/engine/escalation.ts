import type { EscalationStep } from '../../shared/api/paging';
import { nextEscalationPosition, type EscalationPosition } from '../../shared/domain/escalation';
import type { Clock } from '../clock';
import type { Db } from '../db/client';
import { dueEscalations, insertEscalation, type EscalationRow } from '../db/stores/engine';
import { engineStatements, recordSystemEvent } from '../db/stores/engine-statements';
import { targetResolver, type TargetResolver } from './targets';

const batchSize = 500;

/**
 * Pages a step: resolves its targets to users now, and queues one page per notification
 * rule of each user. Records the step, whom it paged, and whom it left out and why.
 */
function enterStep(db: Db, resolve: TargetResolver, incidentId: string, steps: EscalationStep[], position: EscalationPosition, now: Date): void {
  const statements = engineStatements(db);
  const { paged: users, skipped } = resolve(steps[position.step].targets, now);
  for (const user of users) {
    user.rules.forEach((rule, index) =>
      statements.insertPage.run({
        id: crypto.randomUUID(),
        incidentId,
        userId: user.id,
        step: position.step,
        loop: position.loop,
        rule: index,
        dueAt: new Date(now.getTime() + rule.delaySeconds * 1000),
      }),
    );
  }
  const data = { step: position.step + 1, of: steps.length, loop: position.loop, users: users.map((user) => user.name) };
  recordSystemEvent(db, incidentId, 'step_reached', data, now);
  for (const user of skipped) {
    recordSystemEvent(db, incidentId, 'user_unreachable', { userId: user.id, user: user.name, step: position.step + 1, reason: user.reason }, now);
  }
}

/** Starts paging a freshly triggered incident at step 1; call inside the trigger's transaction. */
export function startEscalation(db: Db, incidentId: string, policy: { id: string; steps: EscalationStep[]; repeat: number }, now: Date): void {
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
  insertEscalation(db, row);
  enterStep(db, targetResolver(db), incidentId, policy.steps, { step: 0, loop: 0 }, now);
}

/** Moves one escalation on (when due, or at once for a manual escalate); call inside a transaction. */
export function advanceEscalation(db: Db, row: EscalationRow, now: Date, manual = false, resolve = targetResolver(db)): void {
  const statements = engineStatements(db);
  const next = nextEscalationPosition({ step: row.step, loop: row.loop }, row.steps.length, row.repeat, manual);
  if (next.exhausted) {
    statements.moveEscalation.run({ incidentId: row.incidentId, step: row.step, loop: row.loop, state: 'exhausted', nextStepDueMs: null });
    recordSystemEvent(db, row.incidentId, 'escalation_exhausted', { loops: row.repeat + 1 }, now);
    return;
  }
  const { position } = next;
  const nextStepDueMs = now.getTime() + row.steps[position.step].delaySeconds * 1000;
  statements.moveEscalation.run({ incidentId: row.incidentId, ...position, state: 'active', nextStepDueMs });
  enterStep(db, resolve, row.incidentId, row.steps, position, now);
}

/**
 * Engine module: every escalation whose step delay ran out moves to its next step. Time is
 * read per step, so a large backlog records (and schedules from) when each step really ran.
 */
export function runEscalations(db: Db, clock: Clock): string[] {
  const touched: string[] = [];
  for (;;) {
    const batch = db.transaction((tx) => {
      const resolve = targetResolver(tx);
      const due = dueEscalations(tx, clock.now(), batchSize);
      for (const row of due) advanceEscalation(db, row, clock.now(), false, resolve);
      return due.map((row) => row.incidentId);
    });
    touched.push(...batch);
    if (batch.length < batchSize) return touched;
  }
}
