import { and, asc, eq } from 'drizzle-orm';
import type { Runbook } from '../../../shared/api/runbooks';
import type { Tx } from '../client';
import type { RunbookRow, Tables } from '../schema/index';

/** The stored class '' is the service's own runbook; the API calls it null. */
const classOf = (stored: string) => (stored === '' ? null : stored);

const runbookColumns = ({ runbooks, users }: Tables) => ({ runbook: runbooks, updatedByName: users.name });

function toRunbook({ runbook, updatedByName }: { runbook: RunbookRow; updatedByName: string | null }): Runbook {
  return {
    serviceId: runbook.serviceId,
    alertClass: classOf(runbook.alertClass),
    markdown: runbook.markdown,
    updatedAt: runbook.updatedAt.toISOString(),
    updatedBy: runbook.updatedBy !== null && updatedByName !== null ? { id: runbook.updatedBy, name: updatedByName } : null,
  };
}

/** `alertClass` '' for the service's own. */
export async function findRunbook(tx: Tx, serviceId: string, alertClass: string): Promise<Runbook | undefined> {
  const { runbooks, users } = tx.t;
  const [row] = await tx
    .select(runbookColumns(tx.t))
    .from(runbooks)
    .leftJoin(users, eq(users.id, runbooks.updatedBy))
    .where(and(eq(runbooks.serviceId, serviceId), eq(runbooks.alertClass, alertClass)))
    .limit(1);
  return row && toRunbook(row);
}

/**
 * The service's own first ('' sorts before any class), then one per class by name. Sorted here, by code unit,
 * so both backends give one order whatever the database's collation.
 */
export async function listRunbooks(tx: Tx, serviceId: string): Promise<Runbook[]> {
  const { runbooks, users } = tx.t;
  const rows = await tx
    .select(runbookColumns(tx.t))
    .from(runbooks)
    .leftJoin(users, eq(users.id, runbooks.updatedBy))
    .where(eq(runbooks.serviceId, serviceId));
  const byClass = (a: (typeof rows)[number], b: (typeof rows)[number]) => (a.runbook.alertClass < b.runbook.alertClass ? -1 : 1);
  return rows.sort(byClass).map(toRunbook);
}

export async function upsertRunbook(tx: Tx, values: RunbookRow): Promise<void> {
  const { runbooks } = tx.t;
  await tx
    .insert(runbooks)
    .values(values)
    .onConflictDoUpdate({
      target: [runbooks.serviceId, runbooks.alertClass],
      set: { markdown: values.markdown, updatedAt: values.updatedAt, updatedBy: values.updatedBy },
    });
}

/** False when there was none. */
export async function deleteRunbook(tx: Tx, serviceId: string, alertClass: string): Promise<boolean> {
  const { runbooks } = tx.t;
  const deleted = await tx
    .delete(runbooks)
    .where(and(eq(runbooks.serviceId, serviceId), eq(runbooks.alertClass, alertClass)))
    .returning({ serviceId: runbooks.serviceId });
  return deleted.length > 0;
}

/** The classes its runbooks are written for, so an incident's alerts can be matched without loading the Markdown. */
export async function runbookClassesOf(tx: Tx, serviceId: string): Promise<Set<string>> {
  const { runbooks } = tx.t;
  const rows = await tx.select({ alertClass: runbooks.alertClass }).from(runbooks).where(eq(runbooks.serviceId, serviceId));
  return new Set(rows.map((row) => row.alertClass));
}

/** The alerts' details in the order they arrived: the first one naming a class picks the runbook. */
export async function alertDetailsInArrivalOrder(tx: Tx, incidentId: string, limit = 100): Promise<Array<Record<string, unknown>>> {
  const { alerts } = tx.t;
  const rows = await tx
    .select({ details: alerts.details })
    .from(alerts)
    .where(eq(alerts.incidentId, incidentId))
    .orderBy(asc(alerts.firstSeenAt), asc(alerts.id))
    .limit(limit);
  return rows.map((row) => (row.details ?? {}) as Record<string, unknown>);
}

export interface TickedStep {
  index: number;
  done: boolean;
  by: { id: string; name: string } | null;
  at: Date;
}

export async function tickedStepsOf(tx: Tx, incidentId: string): Promise<TickedStep[]> {
  const { runbookSteps, users } = tx.t;
  const rows = await tx
    .select({ step: runbookSteps, byName: users.name })
    .from(runbookSteps)
    .leftJoin(users, eq(users.id, runbookSteps.byUserId))
    .where(eq(runbookSteps.incidentId, incidentId))
    .orderBy(asc(runbookSteps.index));
  return rows.map(({ step, byName }) => ({
    index: step.index,
    done: step.done,
    by: step.byUserId !== null && byName !== null ? { id: step.byUserId, name: byName } : null,
    at: step.at,
  }));
}

export async function upsertRunbookStep(tx: Tx, values: { incidentId: string; index: number; done: boolean; byUserId: string | null; at: Date }): Promise<void> {
  const { runbookSteps } = tx.t;
  await tx
    .insert(runbookSteps)
    .values(values)
    .onConflictDoUpdate({ target: [runbookSteps.incidentId, runbookSteps.index], set: { done: values.done, byUserId: values.byUserId, at: values.at } });
}
