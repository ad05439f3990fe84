/**
 * Who a schedule puts on call: its layers (the highest layer that has someone wins)
 * under its overrides.
 *
 * Override precedence: an override active at an instant replaces the whole layered
 * answer for that instant. When several overlap, all their users are on call, listed
 * newest first — callers pass overrides in creation order (oldest first).
 *
 * The answer is walked from change to change (handoffs, restriction window edges,
 * override edges), never minute by minute, so 90 days of 1-hour shifts is a few
 * thousand steps.
 */
import { DAY_MS } from './rotation-local-time';
import { nextRotationChange, rotationOf, rotationUserAt, type RotationLayer } from './rotation';

export interface ScheduleRules {
  timeZone: string;
  /** Lowest first: a later layer wins wherever it has someone on call. */
  layers: RotationLayer[];
}

export interface OverrideSpan {
  userId: string;
  start: Date;
  end: Date;
}

export interface OnCallAnswer {
  userIds: string[];
  /** When `userIds` next changes; null if it does not within ON_CALL_LOOK_AHEAD_DAYS. */
  shiftEndsAt: Date | null;
}

export interface OnCallSpan {
  userId: string;
  start: Date;
  end: Date;
}

export const ON_CALL_LOOK_AHEAD_DAYS = 400;

/** The longest override the API takes: covering a quarter is a schedule change, not an override. */
export const MAX_OVERRIDE_DAYS = 90;

export function onCallAt(schedule: ScheduleRules, overrides: OverrideSpan[], at: Date): OnCallAnswer {
  const horizon = at.getTime() + ON_CALL_LOOK_AHEAD_DAYS * DAY_MS;
  const changes = answerChanges(schedule, overrides, at.getTime(), horizon);
  const { userIds } = changes.next().value!;
  const next = changes.next();
  return { userIds, shiftEndsAt: next.done ? null : new Date(next.value.at) };
}

/**
 * Contiguous spans of each user's time on call within [from, to), clipped to it, sorted by
 * start. A user on call through several consecutive shifts gets one span.
 */
export function shiftsBetween(schedule: ScheduleRules, overrides: OverrideSpan[], from: Date, to: Date): OnCallSpan[] {
  const end = to.getTime();
  const spans: OnCallSpan[] = [];
  const onCallSince = new Map<string, number>();
  const close = (userId: string, at: number) => {
    spans.push({ userId, start: new Date(onCallSince.get(userId)!), end: new Date(at) });
    onCallSince.delete(userId);
  };
  for (const { at, userIds } of answerChanges(schedule, overrides, from.getTime(), end)) {
    for (const userId of [...onCallSince.keys()]) if (!userIds.includes(userId)) close(userId, at);
    for (const userId of userIds) if (!onCallSince.has(userId)) onCallSince.set(userId, at);
  }
  for (const userId of [...onCallSince.keys()]) close(userId, end);
  return spans.sort((a, b) => a.start.getTime() - b.start.getTime() || a.userId.localeCompare(b.userId));
}

/**
 * The spans of `shiftsBetween`, except that a shift still running at `to` keeps its real end (looked for up to
 * ON_CALL_LOOK_AHEAD_DAYS later): a shift that outlasts the window asked about ends when it ends, not at the
 * window's edge. `overrides` must reach that far too.
 */
export function shiftsFrom(schedule: ScheduleRules, overrides: OverrideSpan[], from: Date, to: Date): OnCallSpan[] {
  const spans = shiftsBetween(schedule, overrides, from, to);
  const running = spans.filter((span) => span.end.getTime() === to.getTime());
  if (running.length === 0) return spans;
  for (const { at, userIds } of answerChanges(schedule, overrides, to.getTime(), to.getTime() + ON_CALL_LOOK_AHEAD_DAYS * DAY_MS)) {
    for (const span of running) if (span.end.getTime() === to.getTime() && !userIds.includes(span.userId)) span.end = new Date(at);
    if (running.every((span) => span.end.getTime() !== to.getTime())) break;
  }
  return spans;
}

/** The answer at `from`, then each later instant before `until` where it differs. */
function* answerChanges(schedule: ScheduleRules, overrides: OverrideSpan[], from: number, until: number) {
  const rotations = schedule.layers.map((layer) => rotationOf(layer, schedule.timeZone));
  const overrideEdges = [...new Set(overrides.flatMap((o) => [o.start.getTime(), o.end.getTime()]))].sort((a, b) => a - b);

  const usersAt = (at: number): string[] => {
    const active = overrides.filter((o) => o.start.getTime() <= at && at < o.end.getTime());
    if (active.length > 0) return [...new Set(active.map((o) => o.userId).reverse())];
    for (let layer = rotations.length - 1; layer >= 0; layer--) {
      const userId = rotationUserAt(rotations[layer], at);
      if (userId !== null) return [userId];
    }
    return [];
  };

  let at = from;
  let userIds = usersAt(at);
  yield { at, userIds };
  // Each layer's next change stays valid until time passes it, so only the layer(s) just reached are recomputed.
  const layerNext = rotations.map((rotation) => nextRotationChange(rotation, at));
  for (;;) {
    const overrideNext = overrideEdges.find((edge) => edge > at) ?? Infinity;
    const next = Math.min(overrideNext, ...layerNext);
    if (next >= until) return;
    at = next;
    rotations.forEach((rotation, layer) => {
      if (layerNext[layer] <= at) layerNext[layer] = nextRotationChange(rotation, at);
    });
    const nextUserIds = usersAt(at);
    if (!sameUsers(nextUserIds, userIds)) {
      userIds = nextUserIds;
      yield { at, userIds };
    }
  }
}

function sameUsers(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((userId) => b.includes(userId));
}
