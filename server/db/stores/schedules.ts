import { and, asc, eq, gt, lt } from 'drizzle-orm';
import { onCallAt, type OverrideSpan, type ScheduleRules } from '../../../shared/domain/on-call';
import type { Tx } from '../client';
import { scheduleOverrides, schedules, users } from '../schema/index';

export type ScheduleRow = typeof schedules.$inferSelect;
export type OverrideRow = typeof scheduleOverrides.$inferSelect & { userName: string };

export function findScheduleRow(tx: Tx, id: string): ScheduleRow | undefined {
  return tx.select().from(schedules).where(eq(schedules.id, id)).get();
}

export function listScheduleRows(tx: Tx): ScheduleRow[] {
  return tx.select().from(schedules).orderBy(asc(schedules.name)).all();
}

export function insertSchedule(tx: Tx, values: Omit<ScheduleRow, 'id'>): ScheduleRow {
  return tx.insert(schedules).values({ id: crypto.randomUUID(), ...values }).returning().get();
}

export function replaceSchedule(tx: Tx, id: string, values: Omit<ScheduleRow, 'id' | 'createdAt'>): ScheduleRow | undefined {
  return tx.update(schedules).set(values).where(eq(schedules.id, id)).returning().get();
}

/** Overrides of a schedule that overlap [from, to), oldest first (the order on-call math expects). */
export function overridesOf(tx: Tx, scheduleId: string, from: Date, to: Date): OverrideRow[] {
  return tx
    .select({ override: scheduleOverrides, userName: users.name })
    .from(scheduleOverrides)
    .innerJoin(users, eq(users.id, scheduleOverrides.userId))
    .where(and(eq(scheduleOverrides.scheduleId, scheduleId), lt(scheduleOverrides.startsAt, to), gt(scheduleOverrides.endsAt, from)))
    .orderBy(asc(scheduleOverrides.createdAt))
    .all()
    .map((row) => ({ ...row.override, userName: row.userName }));
}

export function insertOverride(tx: Tx, values: Omit<typeof scheduleOverrides.$inferInsert, 'id'>): string {
  const id = crypto.randomUUID();
  tx.insert(scheduleOverrides).values({ id, ...values }).run();
  return id;
}

export function findOverride(tx: Tx, scheduleId: string, overrideId: string): OverrideRow | undefined {
  const row = tx
    .select({ override: scheduleOverrides, userName: users.name })
    .from(scheduleOverrides)
    .innerJoin(users, eq(users.id, scheduleOverrides.userId))
    .where(and(eq(scheduleOverrides.id, overrideId), eq(scheduleOverrides.scheduleId, scheduleId)))
    .get();
  return row && { ...row.override, userName: row.userName };
}

export function deleteOverride(tx: Tx, scheduleId: string, overrideId: string): boolean {
  return (
    tx.delete(scheduleOverrides).where(and(eq(scheduleOverrides.id, overrideId), eq(scheduleOverrides.scheduleId, scheduleId))).run()
      .changes > 0
  );
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
export function onCallAnswer(tx: Tx, scheduleId: string, at: Date): { userIds: string[]; validUntil: number } {
  const row = findScheduleRow(tx, scheduleId);
  if (!row) return { userIds: [], validUntil: Infinity };
  const horizon = at.getTime() + 86_400_000;
  const overrides = overridesOf(tx, scheduleId, at, new Date(horizon));
  const answer = onCallAt(scheduleRules(row), overrideSpans(overrides), at);
  return { userIds: answer.userIds, validUntil: Math.min(answer.shiftEndsAt?.getTime() ?? horizon, horizon) };
}
