import { defaultUpdateCadenceMinutes } from './incident-roles';
import type { IncidentStatus } from './lifecycle';
import type { Severity } from './severity';

/** The cadence a person may set on an incident, in minutes. */
export const minUpdateCadenceMinutes = 5;
export const maxUpdateCadenceMinutes = 1440;

/** Status update text, after trimming. */
export const maxStatusUpdateLength = 5000;

/** The incident's own cadence, else its severity's default (SEV-1: 30, SEV-2: 60), else none. */
export function effectiveCadenceMinutes(severity: Severity, own: number | null | undefined): number | null {
  return own ?? defaultUpdateCadenceMinutes[severity] ?? null;
}

export interface CadenceState {
  status: IncidentStatus;
  severity: Severity;
  updateCadenceMinutes: number | null;
  detectedAt: Date;
  lastStatusUpdateAt: Date | null;
}

/**
 * When the next status update is due: one cadence after the later of the last update and detection. Null when
 * nothing is due (resolved, or no cadence). The app shows it; the server schedules the first reminder at it.
 */
export function nextUpdateDueAt(state: CadenceState): Date | null {
  const cadence = effectiveCadenceMinutes(state.severity, state.updateCadenceMinutes);
  if (state.status === 'resolved' || cadence === null) return null;
  const from = Math.max(state.detectedAt.getTime(), state.lastStatusUpdateAt?.getTime() ?? 0);
  return new Date(from + cadence * 60_000);
}

/** After a reminder at `dueAt`: the next one a cadence later, never in the past (an engine that was down catches up once). */
export function reminderAfter(dueAt: Date, cadenceMinutes: number, now: Date): Date {
  const cadenceMs = cadenceMinutes * 60_000;
  const next = dueAt.getTime() + cadenceMs;
  return new Date(next > now.getTime() ? next : now.getTime() + cadenceMs);
}

/** "12 min", "1 h 5 min": how long since the last update, for the reminder and the app. */
export function minutesText(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest ? `${hours} h ${rest} min` : `${hours} h`;
}
