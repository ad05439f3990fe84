/**
 * A schedule form as the shared rotation rules read it, so the calendar previews unsaved edits with the same math
 * the server pages with. The server stores a layer as its LayerInput and hands it to the rotation code as it is;
 * here the mapping is written out because a form being edited can be half-filled: a layer the server would refuse
 * is left out of the preview (and named) instead of breaking it.
 */
import type { LayerInput } from '../../../shared/api/schedules';
import type { ScheduleRules } from '../../../shared/domain/on-call';
import { shiftUnits, type RotationLayer } from '../../../shared/domain/rotation';
import { isTimeZone, weekdays } from '../../../shared/domain/rotation-local-time';
import type { LayerForm, ScheduleForm } from './schedule-form';

const localTime = /^([01]\d|2[0-3]):[0-5]\d$/;
const localDate = /^\d{4}-\d{2}-\d{2}$/;

export interface PreviewRules {
  /** Null when the time zone is not one the rotation code can use. */
  rules: ScheduleRules | null;
  /** Positions (0-based) of layers left out because they are not complete yet. */
  incompleteLayers: number[];
}

/** The part of a layer the rotation math reads. */
export function rotationLayerOf(layer: LayerInput | LayerForm): RotationLayer {
  return {
    users: layer.users,
    startDate: layer.startDate,
    handoffTime: layer.handoffTime,
    shift: { length: layer.shift.length, unit: layer.shift.unit },
    restrictions: layer.restrictions?.map((window) => ({ days: window.days, start: window.start, end: window.end })),
  };
}

function isComplete(layer: LayerForm): boolean {
  const { length, unit } = layer.shift;
  return (
    layer.users.length > 0 &&
    localDate.test(layer.startDate) &&
    !Number.isNaN(Date.parse(layer.startDate)) &&
    localTime.test(layer.handoffTime) &&
    Number.isInteger(length) &&
    length >= 1 &&
    length <= 365 &&
    shiftUnits.includes(unit) &&
    layer.restrictions.every((window) => window.days.length > 0 && window.days.every((day) => weekdays.includes(day)) && localTime.test(window.start) && localTime.test(window.end))
  );
}

export function previewRules(form: ScheduleForm): PreviewRules {
  const incompleteLayers = form.layers.flatMap((layer, index) => (isComplete(layer) ? [] : [index]));
  if (!isTimeZone(form.timeZone)) return { rules: null, incompleteLayers };
  const layers = form.layers.filter((_, index) => !incompleteLayers.includes(index)).map(rotationLayerOf);
  return { rules: { timeZone: form.timeZone, layers }, incompleteLayers };
}
