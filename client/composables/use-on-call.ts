import { ref } from 'vue';
import type { MyOnCall, OnCallNow, Schedule, UnreachablePerson } from '../../shared/api/schedules';
import { MAX_OVERRIDE_DAYS } from '../../shared/domain/on-call';
import { noAnswer } from '../api/http';
import { schedulesApi } from '../api/schedules';
import { readSnapshot, saveSnapshot } from '../offline/cache';
import { useAction } from './use-action';

export interface ScheduleOnCall {
  schedule: Schedule;
  now: OnCallNow;
}

export interface OnCallOverview {
  mine: MyOnCall;
  schedules: ScheduleOnCall[];
  /** Absent from snapshots cached before it was asked for. */
  unreachable?: UnreachablePerson[];
  fetchedAt: string;
}

const snapshotKey = 'on-call';
/** The API refuses longer overrides. */
const maxOverrideMs = MAX_OVERRIDE_DAYS * 86_400_000;
/** Taking a shift that never ends (nobody scheduled) covers the rest of the night. */
const openEndedShiftMs = 12 * 3_600_000;

async function fetchOverview(): Promise<OnCallOverview> {
  const [mine, schedules, unreachable] = await Promise.all([schedulesApi.mine(), schedulesApi.list(), schedulesApi.unreachable()]);
  const now = await Promise.all(schedules.map((schedule) => schedulesApi.onCallNow(schedule.id)));
  return { mine, schedules: schedules.map((schedule, i) => ({ schedule, now: now[i] })), unreachable, fetchedAt: new Date().toISOString() };
}

/** When "take this shift" from `start` ends: with the current shift, within the API's limit. */
export function takeoverEnd(shiftEndsAt: string | null, start: Date): Date {
  const limit = start.getTime() + maxOverrideMs;
  if (!shiftEndsAt) return new Date(start.getTime() + openEndedShiftMs);
  return new Date(Math.min(Date.parse(shiftEndsAt), limit));
}

/** Who is on call, my shifts, and taking over a shift; offline it shows the last answer, saying when it was. */
export function useOnCall() {
  const overview = ref<OnCallOverview | null>(null);
  const fromCache = ref(false);
  const { run, pending, error } = useAction();

  async function fresh(): Promise<void> {
    const fetched = await fetchOverview();
    overview.value = fetched;
    fromCache.value = false;
    // The plain answer: IndexedDB cannot store the reactive proxy `overview.value` returns.
    await saveSnapshot(snapshotKey, fetched).catch(() => undefined);
  }

  const load = () =>
    run(async () => {
      try {
        await fresh();
      } catch (err) {
        const cached = noAnswer(err) ? await readSnapshot<OnCallOverview>(snapshotKey).catch(() => undefined) : undefined;
        if (!cached) throw err;
        overview.value = cached;
        fromCache.value = true;
      }
    });

  const takeShift = (entry: ScheduleOnCall, userId: string) =>
    run(async () => {
      const start = new Date();
      const end = takeoverEnd(entry.now.shiftEndsAt, start);
      await schedulesApi.addOverride(entry.schedule.id, { userId, start: start.toISOString(), end: end.toISOString() });
      await fresh();
    });

  return { overview, fromCache, pending, error, load, takeShift };
}
