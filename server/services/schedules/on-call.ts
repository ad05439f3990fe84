import type { MyOnCall, OnCallNow, Schedule, ScheduleOverride, Shift } from '../../../shared/api/schedules';
import { ON_CALL_LOOK_AHEAD_DAYS, onCallAt, shiftsFrom } from '../../../shared/domain/on-call';
import type { Tx } from '../../db/client';
import { listScheduleRows, overrideSpans, overridesOf, scheduleRules, type OverrideRow, type ScheduleRow } from '../../db/stores/schedules';
import { userNames } from '../../db/stores/users';

/** The last instant both backends store (PostgreSQL reads no 5-digit years): later look-ahead is cut there. */
const lastStorableInstant = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

const dayMs = 86_400_000;

export function toSchedule(row: ScheduleRow): Schedule {
  return {
    id: row.id,
    name: row.name,
    timeZone: row.timeZone,
    description: row.description,
    layers: row.layers,
    createdAt: row.createdAt.toISOString(),
  };
}

export function toOverride(row: OverrideRow): ScheduleOverride {
  return { id: row.id, userId: row.userId, userName: row.userName, start: row.startsAt.toISOString(), end: row.endsAt.toISOString() };
}

/** Who is on call at `at`, with names, and when that answer changes. */
export async function onCallNow(tx: Tx, row: ScheduleRow, at: Date): Promise<OnCallNow> {
  const overrides = await overridesOf(tx, row.id, at, new Date(Math.min(at.getTime() + 400 * dayMs, lastStorableInstant)));
  const answer = onCallAt(scheduleRules(row), overrideSpans(overrides), at);
  const names = await userNames(tx, answer.userIds);
  return {
    at: at.toISOString(),
    users: answer.userIds.map((id) => ({ id, name: names.get(id) ?? 'unknown user' })),
    shiftEndsAt: answer.shiftEndsAt?.toISOString() ?? null,
  };
}

/** Every on-call span of a schedule that starts before `to`, from `from` on, each with its real end. */
export async function scheduleShifts(tx: Tx, row: ScheduleRow, from: Date, to: Date): Promise<Shift[]> {
  const overrides = overrideSpans(await overridesOf(tx, row.id, from, new Date(to.getTime() + ON_CALL_LOOK_AHEAD_DAYS * dayMs)));
  return shiftsFrom(scheduleRules(row), overrides, from, to).map((span) => ({
    scheduleId: row.id,
    scheduleName: row.name,
    userId: span.userId,
    start: span.start.toISOString(),
    end: span.end.toISOString(),
  }));
}

/** My shifts across all schedules: the ones running now and the next few in the coming 30 days. */
export async function myOnCall(tx: Tx, userId: string, now: Date): Promise<MyOnCall> {
  const horizon = new Date(now.getTime() + 30 * dayMs);
  // Spans are clipped to the window asked for; starting a week back gives a running shift its real start.
  const lookBack = new Date(now.getTime() - 7 * dayMs);
  const shifts: Shift[] = [];
  for (const row of await listScheduleRows(tx)) shifts.push(...(await scheduleShifts(tx, row, lookBack, horizon)));
  const mine = shifts.filter((shift) => shift.userId === userId).sort((a, b) => a.start.localeCompare(b.start));
  const nowIso = now.toISOString();
  return {
    current: mine.filter((shift) => shift.start <= nowIso && nowIso < shift.end),
    next: mine.filter((shift) => shift.start > nowIso).slice(0, 10),
  };
}
