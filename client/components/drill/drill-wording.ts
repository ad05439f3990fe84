import type { Drill, DrillMeasure } from '../../../shared/api/drills';
import { isLiveDrill, type DrillStatus, type InjectKind } from '../../../shared/domain/drills';

/*
 * Pure wording and arithmetic for the drill screens, kept apart from the views so it is tested without a DOM.
 */

export const statusLabels: Record<DrillStatus, string> = {
  scheduled: 'Scheduled',
  running: 'Running',
  paused: 'Paused',
  finished: 'Finished',
  aborted: 'Aborted',
};

export const injectKindLabels: Record<InjectKind, string> = {
  alert: 'Alert',
  note: 'Note',
  escalate: 'Escalate',
  'resolve-signal': 'Resolve signal',
};

const pad = (n: number) => String(n).padStart(2, '0');

/** "0:00", "2:30", "1:05:00": a script offset or a countdown, never negative. */
export function formatMmSs(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(s % 60)}` : `${minutes}:${pad(s % 60)}`;
}

/**
 * What an editor typed as an inject's time: "2:30" (mm:ss), "90" (seconds) or "1:02:03"; null when it is not a
 * time at all. Range checks stay with the shared rule (injectProblem), so the message is the server's.
 */
export function parseMmSs(typed: string): number | null {
  const text = typed.trim();
  if (!/^\d+(:\d{1,2}){0,2}$/.test(text)) return null;
  const parts = text.split(':').map(Number);
  if (parts.slice(1).some((part) => part > 59)) return null;
  return parts.reduce((total, part) => total * 60 + part, 0);
}

export interface ScriptRow {
  index: number;
  afterSeconds: number;
  kind: InjectKind;
  text: string;
  done: boolean;
  /** When it arrives (or arrived, as scripted); null while paused or before the start, when nobody can say. */
  dueAt: Date | null;
  next: boolean;
}

/**
 * The script with each inject's due time. The API gives the start, how many injects are done and when the next
 * is due; the gap between the next's scripted and actual time is the shift pauses and advances made, and the
 * rest of the script moves with it.
 */
export function scriptRows(drill: Pick<Drill, 'status' | 'injects' | 'injectsDone' | 'startedAt' | 'nextInjectAt'>): ScriptRow[] {
  const live = isLiveDrill(drill.status);
  const start = drill.startedAt ? Date.parse(drill.startedAt) : null;
  const next = drill.injects[drill.injectsDone];
  const shiftMs = start !== null && next && drill.nextInjectAt ? Date.parse(drill.nextInjectAt) - (start + next.afterSeconds * 1000) : null;
  return drill.injects.map((inject, index) => {
    const done = index < drill.injectsDone;
    const dueAt = start === null ? null : done ? null : shiftMs === null ? null : new Date(start + inject.afterSeconds * 1000 + shiftMs);
    return { index, ...inject, done, dueAt, next: live && index === drill.injectsDone };
  });
}

/** Seconds until the next inject, or null when none is coming (paused, over, all delivered). */
export function secondsToNextInject(drill: Pick<Drill, 'nextInjectAt'>, now: Date): number | null {
  if (!drill.nextInjectAt) return null;
  return Math.max(0, Math.ceil((Date.parse(drill.nextInjectAt) - now.getTime()) / 1000));
}

/** "12 min", "1 h 5 min", "45 s": how long a drill took. */
export function formatSeconds(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return s % 60 && minutes < 10 ? `${minutes} min ${s % 60} s` : `${minutes} min`;
  return minutes % 60 ? `${Math.floor(minutes / 60)} h ${minutes % 60} min` : `${minutes / 60} h`;
}

export function formatMeasure(value: number | null, unit: DrillMeasure['unit']): string {
  if (value === null) return 'never';
  if (unit === 'seconds') return formatSeconds(value);
  if (unit === 'percent') return `${Math.round(value)} %`;
  return String(value);
}

export type Comparison = 'better' | 'worse' | 'same';

/** This drill's figure against an earlier one: in words, so it never rests on colour alone. */
export function compareMeasure(value: number | null, earlier: number | null, lowerIsBetter: boolean): Comparison | null {
  if (earlier === null) return null;
  // Never happening (nobody acknowledged) is worse than any time, and no better than never.
  if (value === null) return 'worse';
  if (value === earlier) return 'same';
  return (value < earlier) === lowerIsBetter ? 'better' : 'worse';
}

/** "fix: Ada's Pixel — 410 gone" */
export function failedPageLine(failed: { name: string; channel: string; target: string; error: string | null }): string {
  const { name, channel, target, error } = failed;
  // The report names a missing device in `target` rather than a device to fix.
  if (target === 'no registered device') return `fix: ${name} has no registered device${error ? ` — ${error}` : ''}`;
  const where = channel === 'push' || target === channel ? `${name}'s ${target}` : `${name}'s ${channel} ${target}`;
  return `fix: ${where}${error ? ` — ${error}` : ''}`;
}

/** From the start to the end (or now, while it runs); null before it started. */
export function drillDurationSeconds(drill: Pick<Drill, 'startedAt' | 'endedAt'>, now: Date): number | null {
  if (!drill.startedAt) return null;
  const end = drill.endedAt ? Date.parse(drill.endedAt) : now.getTime();
  return Math.max(0, Math.round((end - Date.parse(drill.startedAt)) / 1000));
}

/** "Thu 10 Dec, 14:00" in the reader's own zone: a game day is planned across days. */
export function formatWhen(iso: string, locale?: string): string {
  return new Date(iso).toLocaleString(locale, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}

/** An inject as the scenario editor holds it. */
export interface DraftInject {
  /** As typed: "2:30" or "150". */
  time: string;
  kind: InjectKind;
  text: string;
}
