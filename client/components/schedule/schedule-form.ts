/**
 * The schedule editor's state: a ScheduleInput whose optional parts are always present (so inputs can bind to
 * them), and the way back to the body the API takes.
 */
import type { Schedule, ScheduleInput } from '../../../shared/api/schedules';
import type { ShiftUnit } from '../../../shared/domain/rotation';
import { DAY_MS, type Weekday } from '../../../shared/domain/rotation-local-time';
import { clockIn, localDateIn } from './zone-time';

export interface RestrictionForm {
  days: Weekday[];
  start: string;
  end: string;
}

export interface LayerForm {
  name: string;
  /** Rotation order. */
  users: string[];
  startDate: string;
  handoffTime: string;
  shift: { length: number; unit: ShiftUnit };
  restrictions: RestrictionForm[];
}

export interface ScheduleForm {
  name: string;
  timeZone: string;
  description: string;
  layers: LayerForm[];
}

const defaultHandoff = '09:00';

/**
 * A weekly rotation handing off at 09:00 where the schedule is, its first shift already running: starting
 * at today's 09:00 when that is still ahead would leave nobody on call until then.
 */
export function newLayer(timeZone: string, now: Date): LayerForm {
  const today = localDateIn(timeZone, now);
  const startDate = clockIn(timeZone, now) >= defaultHandoff ? today : localDateIn(timeZone, new Date(now.getTime() - DAY_MS));
  return { name: '', users: [], startDate, handoffTime: defaultHandoff, shift: { length: 1, unit: 'weeks' }, restrictions: [] };
}

export function newScheduleForm(timeZone: string, now: Date): ScheduleForm {
  return { name: '', timeZone, description: '', layers: [newLayer(timeZone, now)] };
}

/** Business hours: where most restrictions start. */
export function newRestriction(): RestrictionForm {
  return { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00' };
}

/** A fresh copy to edit: the saved schedule must stay as it was to tell whether the form differs. */
export function formOf(schedule: Pick<Schedule, 'name' | 'timeZone' | 'description' | 'layers'>): ScheduleForm {
  return {
    name: schedule.name,
    timeZone: schedule.timeZone,
    description: schedule.description ?? '',
    layers: schedule.layers.map((layer) => ({
      name: layer.name ?? '',
      users: [...layer.users],
      startDate: layer.startDate,
      handoffTime: layer.handoffTime,
      shift: { ...layer.shift },
      restrictions: (layer.restrictions ?? []).map((window) => ({ days: [...window.days], start: window.start, end: window.end })),
    })),
  };
}

/** The request body: blank optional text left out (a PUT with no description clears it), empty restrictions too. */
export function inputOf(form: ScheduleForm): ScheduleInput {
  return {
    name: form.name.trim(),
    timeZone: form.timeZone,
    description: form.description.trim() || null,
    layers: form.layers.map((layer) => ({
      ...(layer.name.trim() ? { name: layer.name.trim() } : {}),
      users: [...layer.users],
      startDate: layer.startDate,
      handoffTime: layer.handoffTime,
      shift: { length: layer.shift.length, unit: layer.shift.unit },
      ...(layer.restrictions.length ? { restrictions: layer.restrictions.map((window) => ({ days: [...window.days], start: window.start, end: window.end })) } : {}),
    })),
  };
}

/** Whether saving the form would change the schedule (text the server trims away does not count). */
export function formDiffers(form: ScheduleForm, saved: Schedule | null): boolean {
  if (!saved) return true;
  return JSON.stringify(inputOf(form)) !== JSON.stringify(inputOf(formOf(saved)));
}
