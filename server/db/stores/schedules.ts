import { and, asc, eq, gt, lt } from 'drizzle-orm';
import { onCallAt, type OverrideSpan, type ScheduleRules } from '../../../shared/domain/on-call';
import type { Tx } from '../client';
import type { OverrideRow as OverrideTableRow, ScheduleRow, Tables } from '../schema/index';

export type { ScheduleRow };
export type OverrideRow = OverrideTableRow & { userName: string };

export async function findScheduleRow(tx: Tx, id: string): Promise<ScheduleRow | undefined> {
  const { schedules } = tx.t;
  const [row] = await tx.select().from(schedules).where(eq(schedules.id, id)).limit(1);
  return row;
}

export async function listScheduleRows(tx: Tx): Promise<ScheduleRow[]> {
  const { schedules } = tx.t;
  return tx.select().from(schedules).orderBy(asc(schedules.name));
}

export async function insertSchedule(tx: Tx, values: Omit<ScheduleRow, 'id'>): Promise<ScheduleRow> {
  const { schedules } = tx.t;
  const [row] = await tx.insert(schedules).values({ id: crypto.randomUUID(), ...values }).returning();
  return row;
}

export async function replaceSchedule(tx: Tx, id: string, values: Omit<ScheduleRow, 'id' | 'createdAt'>): Promise<ScheduleRow | undefined> {
  const { schedules } = tx.t;
  const [row] = await tx.update(schedules).set(values).where(eq(schedules.id, id)).returning();
  return row;
}

/** Overrides of a schedule that overlap [from, to), oldest first (the order on-call math expects). */
export async function overridesOf(tx: Tx, scheduleId: string, from: Date, to: Date): Promise<OverrideRow[]> {
  const { scheduleOverrides, users } = tx.t;
  const rows = await tx
    .select({ override: scheduleOverrides, userName: users.name })
    .from(scheduleOverrides)
    .innerJoin(users, eq(users.id, scheduleOverrides.userId))
    .where(and(eq(scheduleOverrides.scheduleId, scheduleId), lt(scheduleOverrides.startsAt, to), gt(scheduleOverrides.endsAt, from)))
    .orderBy(asc(scheduleOverrides.createdAt));
  return rows.map((row) => ({ ...row.override, userName: row.userName }));
}

export async function insertOverride(tx: Tx, values: Omit<Tables['scheduleOverrides']['$inferInsert'], 'id'>): Promise<string> {
  const { scheduleOverrides } = tx.t;
  const id = crypto.randomUUID();
  await tx.insert(scheduleOverrides).values({ id, ...values });
  return id;
}

export async function findOverride(tx: Tx, scheduleId: string, overrideId: string): Promise<OverrideRow | undefined> {
  const { scheduleOverrides, users } = tx.t;
  const [row] = await tx
    .select({ override: scheduleOverrides, userName: users.name })
    .from(scheduleOverrides)
    .innerJoin(users, eq(users.id, scheduleOverrides.userId))
    .where(and(eq(scheduleOverrides.id, overrideId), eq(scheduleOverrides.scheduleId, scheduleId)))
    .limit(1);
  return row && { ...row.override, userName: row.userName };
}

export async function deleteOverride(tx: Tx, scheduleId: string, overrideId: string): Promise<boolean> {
  const { scheduleOverrides } = tx.t;
  const deleted = await tx
    .delete(scheduleOverrides)
    .where(and(eq(scheduleOverrides.id, overrideId), eq(scheduleOverrides.scheduleId, scheduleId)))
    .returning({ id: scheduleOverrides.id });
  return deleted.length > 0;
}

export function scheduleRules(row: ScheduleRow): ScheduleRules {
  return { timeZone: row.timeZone, layers: row.layers };
}

export function overrideSpans(rows: OverrideRow[]): OverrideSpan[] {
  return rows.map((row) => ({ userId: row.userId, start: row.startsAt, end: row.endsAt }));
}

/**
 * Who the schedule puts on call at `at` (overrides applied) and until when that answer
 * holds, looking at most a day ahead; unknown schedules page nobody, for ever.
 */
export async function onCallAnswer(tx: Tx, scheduleId: string, at: Date): Promise<{ userIds: string[]; validUntil: number }> {
  const row = await findScheduleRow(tx, scheduleId);
  if (!row) return { userIds: [], validUntil: Infinity };
  const horizon = at.getTime() + 86_400_000;
  const overrides = await overridesOf(tx, scheduleId, at, new Date(horizon));
  const answer = onCallAt(scheduleRules(row), overrideSpans(overrides), at);
  return { userIds: answer.userIds, validUntil: Math.min(answer.shiftEndsAt?.getTime() ?? horizon, horizon) };
}
