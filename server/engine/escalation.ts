import type { EscalationStep } from '../../shared/api/paging';
import { nextEscalationPosition, type EscalationPosition } from '../../shared/domain/escalation';
import type { Clock } from '../clock';
import type { Db, Tx } from '../db/client';
import { dueEscalations, insertEscalation, insertPages, updateEscalation, type EscalationRow } from '../db/stores/engine';
import { appendTimelineEvent } from '../db/stores/incidents';
import { rulesOfUsers } from '../db/stores/notification-rules';
import { resolveStepTargets } from './targets';

const systemActor = { type: 'system', id: null, name: 'Muster' } as const;
const batchSize = 500;

/**
 * Pages a step: resolves its targets to users now, and queues one page per notification
 * rule of each user. Records the step, and whom it paged, in the timeline.
 */
function enterStep(tx: Tx, incidentId: string, steps: EscalationStep[], position: EscalationPosition, now: Date): void {
  const step = steps[position.step];
  const users = resolveStepTargets(tx, step.targets, now);
  const rules = rulesOfUsers(tx, users.map((user) => user.id));
  insertPages(
    tx,
    users.flatMap((user) =>
      rules.get(user.id)!.map((rule, index) => ({
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
  appendTimelineEvent(
    tx,
    incidentId,
    {
      type: 'step_reached',
      actor: systemActor,
      data: { step: position.step + 1, of: steps.length, loop: position.loop, users: users.map((user) => user.name) },
    },
    now,
  );
}

/** Starts paging a freshly triggered incident at step 1, inside the trigger's transaction. */
export function startEscalation(
  tx: Tx,
  incidentId: string,
  policy: { id: string; steps: EscalationStep[]; repeat: number },
  now: Date,
): void {
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
  insertEscalation(tx, row);
  enterStep(tx, incidentId, policy.steps, { step: 0, loop: 0 }, now);
}

/** Moves one escalation on (when due, or at once for a manual escalate). */
export function advanceEscalation(tx: Tx, row: EscalationRow, now: Date, manual = false): void {
  const next = nextEscalationPosition({ step: row.step, loop: row.loop }, row.steps.length, row.repeat, manual);
  if (next.exhausted) {
    updateEscalation(tx, row.incidentId, { state: 'exhausted', nextStepDueAt: null });
    appendTimelineEvent(
      tx,
      row.incidentId,
      { type: 'escalation_exhausted', actor: systemActor, data: { loops: row.repeat + 1 } },
      now,
    );
    return;
  }
  const { position } = next;
  updateEscalation(tx, row.incidentId, {
    ...position,
    state: 'active',
    nextStepDueAt: new Date(now.getTime() + row.steps[position.step].delaySeconds * 1000),
  });
  enterStep(tx, row.incidentId, row.steps, position, now);
}

/**
 * Engine module: every escalation whose step delay ran out moves to its next step. Time is
 * read per batch, so a large backlog records (and schedules from) when each batch really ran.
 */
export function runEscalations(db: Db, clock: Clock): string[] {
  const touched: string[] = [];
  for (;;) {
    const now = clock.now();
    const batch = db.transaction((tx) => {
      const due = dueEscalations(tx, now, batchSize);
      for (const row of due) advanceEscalation(tx, row, now);
      return due.map((row) => row.incidentId);
    });
    touched.push(...batch);
    if (batch.length < batchSize) return touched;
  }
}
