import { defaultUpdateCadenceMinutes } from './incident-roles';
import type { Severity } from './severity';

/*
 * A drill's scorecard: the figures measured on its incident, compared with the team's earlier drills of the same
 * scenario, and one score out of 100. Pure and zod-free: the server computes it, the app may show the same
 * breakdown.
 *
 * The score adds five parts, each counted from the drill's start (when its incident triggered):
 *
 *   acknowledged       30 points within 5 min, falling linearly to 0 at 30 min; 0 if nobody acknowledged.
 *   commander          20 points within 10 min, falling linearly to 0 at 30 min; 0 if nobody took command.
 *   first status update 20 points within the severity's update cadence (SEV-1 30 min, SEV-2 60 min, others
 *                      60 min), falling linearly to 0 at twice it; 0 if none was posted.
 *   runbook steps      15 × the fraction of the runbook's steps done; the full 15 when the runbook has no steps
 *                      (or the service has none): a team is not marked down for a runbook it was never given.
 *   failed pages       15, minus 5 for each page that failed to reach a device or contact method, down to 0.
 *
 * The sum is rounded to a whole number. Response speed (acknowledge, command) weighs half the score because it is
 * what a drill is for; communication and the runbook a third; delivery problems the rest, since a page that
 * never arrives is the failure a drill exists to find before a real incident does.
 *
 * The status update is measured against the severity's default cadence, not a cadence someone set on the drill's
 * incident: changing the cadence during a drill must not move the bar, so drills of one scenario stay comparable.
 */

export interface DrillScoreInput {
  /** Seconds from the start to the first acknowledgement; null when nobody acknowledged. */
  acknowledgedSeconds: number | null;
  commanderSeconds: number | null;
  firstStatusUpdateSeconds: number | null;
  /** The bar for the first status update (statusUpdateBarMinutes). */
  statusUpdateBarMinutes: number;
  runbookSteps: { done: number; total: number };
  failedPages: number;
}

export const drillScoreParts = ['acknowledged', 'commander', 'firstStatusUpdate', 'runbookSteps', 'failedPages'] as const;
export type DrillScorePart = (typeof drillScoreParts)[number];

/** How the scorecard names each part, with the bar it is measured against. */
export const drillScorePartLabels: Record<DrillScorePart, string> = {
  acknowledged: 'Acknowledged (full within 5 min, none from 30 min)',
  commander: 'Commander assigned (full within 10 min, none from 30 min)',
  firstStatusUpdate: "First status update (full within the severity's update cadence, none from twice it)",
  runbookSteps: 'Runbook steps done',
  failedPages: 'Pages delivered (5 off for each failed page)',
};

export interface DrillScorePoints {
  part: DrillScorePart;
  points: number;
  maxPoints: number;
}

const minute = 60;

/** The first status update is due within this many minutes: the severity's default cadence, else an hour. */
export function statusUpdateBarMinutes(severity: Severity): number {
  return defaultUpdateCadenceMinutes[severity] ?? 60;
}

/** `max` up to `fullUntil` seconds, 0 from `zeroFrom`, a straight line between; 0 when it never happened. */
export function linearPoints(seconds: number | null, max: number, fullUntil: number, zeroFrom: number): number {
  if (seconds === null) return 0;
  if (seconds <= fullUntil) return max;
  if (seconds >= zeroFrom) return 0;
  return (max * (zeroFrom - seconds)) / (zeroFrom - fullUntil);
}

/** Each part's points, unrounded, in the order of drillScoreParts. */
export function drillScoreBreakdown(input: DrillScoreInput): DrillScorePoints[] {
  const bar = input.statusUpdateBarMinutes * minute;
  const { done, total } = input.runbookSteps;
  return [
    { part: 'acknowledged', points: linearPoints(input.acknowledgedSeconds, 30, 5 * minute, 30 * minute), maxPoints: 30 },
    { part: 'commander', points: linearPoints(input.commanderSeconds, 20, 10 * minute, 30 * minute), maxPoints: 20 },
    { part: 'firstStatusUpdate', points: linearPoints(input.firstStatusUpdateSeconds, 20, bar, 2 * bar), maxPoints: 20 },
    { part: 'runbookSteps', points: total === 0 ? 15 : (15 * Math.min(done, total)) / total, maxPoints: 15 },
    { part: 'failedPages', points: Math.max(0, 15 - 5 * input.failedPages), maxPoints: 15 },
  ];
}

/** The drill's score, 0–100. */
export function drillScore(input: DrillScoreInput): number {
  return Math.round(drillScoreBreakdown(input).reduce((sum, part) => sum + part.points, 0));
}

/*
 * The scorecard's figures, each compared with the same figure of the earlier drills of the same scenario.
 */

export const drillMeasureKeys = ['firstPageDelivered', 'acknowledged', 'commanderAssigned', 'firstStatusUpdate', 'runbookSteps', 'escalations', 'failedPages'] as const;
export type DrillMeasureKey = (typeof drillMeasureKeys)[number];

export interface DrillMeasureDefinition {
  key: DrillMeasureKey;
  label: string;
  unit: 'seconds' | 'count' | 'percent';
  lowerIsBetter: boolean;
}

export const drillMeasureDefinitions: readonly DrillMeasureDefinition[] = [
  { key: 'firstPageDelivered', label: 'Time to first page delivered', unit: 'seconds', lowerIsBetter: true },
  { key: 'acknowledged', label: 'Time to acknowledge', unit: 'seconds', lowerIsBetter: true },
  { key: 'commanderAssigned', label: 'Time to commander assigned', unit: 'seconds', lowerIsBetter: true },
  { key: 'firstStatusUpdate', label: 'Time to first status update', unit: 'seconds', lowerIsBetter: true },
  { key: 'runbookSteps', label: 'Runbook steps completed', unit: 'percent', lowerIsBetter: false },
  { key: 'escalations', label: 'Escalations needed', unit: 'count', lowerIsBetter: true },
  { key: 'failedPages', label: 'Pages that failed to deliver', unit: 'count', lowerIsBetter: true },
];

/** One drill's figures by measure; null when it never happened (nobody acknowledged, no runbook steps…). */
export type DrillFigures = Record<DrillMeasureKey, number | null>;

/** Done steps as a whole percentage; null when there were no steps to do. */
export function runbookPercent(steps: { done: number; total: number }): number | null {
  return steps.total === 0 ? null : Math.round((100 * Math.min(steps.done, steps.total)) / steps.total);
}

/**
 * `previous`: the figure of the latest earlier drill, as it was (null when that drill lacked it: comparing with an
 * older drill instead would call it "previous" wrongly). `best`: the best figure any earlier drill had.
 * `earlier` is oldest first.
 */
export function previousAndBest(earlier: ReadonlyArray<number | null>, lowerIsBetter: boolean): { previous: number | null; best: number | null } {
  const previous = earlier.length > 0 ? earlier[earlier.length - 1] : null;
  const had = earlier.filter((value): value is number => value !== null);
  const best = had.length === 0 ? null : lowerIsBetter ? Math.min(...had) : Math.max(...had);
  return { previous, best };
}

export interface DrillMeasureView extends DrillMeasureDefinition {
  value: number | null;
  previous: number | null;
  best: number | null;
}

/** Every measure of `current` beside `earlier` drills' (oldest first). */
export function drillMeasures(current: DrillFigures, earlier: readonly DrillFigures[]): DrillMeasureView[] {
  return drillMeasureDefinitions.map((definition) => ({
    ...definition,
    value: current[definition.key],
    ...previousAndBest(
      earlier.map((figures) => figures[definition.key]),
      definition.lowerIsBetter,
    ),
  }));
}

/**
 * How a figure compares with another drill's: `better`, `worse`, `same`, or null when they cannot be compared.
 * A time that is missing never happened (nobody acknowledged), which is worse than any time; a missing percentage
 * or count (no runbook steps, no incident) compares with nothing.
 */
export function comparedWith(
  definition: Pick<DrillMeasureDefinition, 'lowerIsBetter' | 'unit'>,
  value: number | null,
  other: number | null,
): 'better' | 'worse' | 'same' | null {
  const never = definition.unit === 'seconds';
  if (value === other) return value === null && !never ? null : 'same';
  if (value === null || other === null) return never ? (value === null ? 'worse' : 'better') : null;
  return definition.lowerIsBetter === value < other ? 'better' : 'worse';
}
