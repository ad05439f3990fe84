/**
 * Incident metrics: the formulas the server reports and the README states. Pure and zod-free, so the app can
 * use the same week bucketing and range presets.
 *
 * MTTD = detectedAt − startedAt, MTTA = acknowledgedAt − detectedAt, MTTR = resolvedAt − detectedAt,
 * mttrFromStart = resolvedAt − startedAt. An incident lacking a timestamp a figure needs is left out of that
 * figure (its `n` counts only those that had them); so is a negative span (timestamps corrected out of order).
 */

export const dayMs = 24 * 60 * 60 * 1000;
export const weekMs = 7 * dayMs;
/** Longest range one metrics call may cover: two years, one of them a leap year. */
export const maxMetricsRangeDays = 731;

export interface DurationSummary {
  meanSeconds: number | null;
  medianSeconds: number | null;
  n: number;
}

/** What the store loads per incident; computing happens here. */
export interface MetricsIncidentRow {
  incidentId: string;
  serviceId: string;
  serviceName: string;
  startedAt: Date | null;
  detectedAt: Date | null;
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
  /** Distinct alert classes of the incident's alerts (see alertClassOf); empty when none names one. */
  alertClasses: string[];
}

export interface ServiceMetrics {
  serviceId: string;
  serviceName: string;
  count: number;
  mtta: DurationSummary;
  mttr: DurationSummary;
}

export interface AlertClassMetrics {
  alertClass: string;
  serviceId: string;
  serviceName: string;
  count: number;
}

export interface WeekMetrics {
  weekStart: string;
  count: number;
  mtta: DurationSummary;
  mttr: DurationSummary;
}

export interface MetricsReport {
  from: string;
  to: string;
  count: number;
  /** Every ISO week of the range; MTTA and MTTR of the incidents detected that week, for the trend. */
  byWeek: WeekMetrics[];
  mttd: DurationSummary;
  mtta: DurationSummary;
  mttr: DurationSummary;
  mttrFromStart: DurationSummary;
  byService: ServiceMetrics[];
  byAlertClass: AlertClassMetrics[];
}

/** Seconds from `from` to `to`; null when either is missing or `to` comes first. */
export function spanSeconds(from: Date | null, to: Date | null): number | null {
  if (!from || !to) return null;
  const ms = to.getTime() - from.getTime();
  return ms < 0 ? null : ms / 1000;
}

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** The middle value; for an even count, the mean of the two middle ones. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function summarize(spans: ReadonlyArray<number | null>): DurationSummary {
  const values = spans.filter((s): s is number => s !== null);
  return { meanSeconds: mean(values), medianSeconds: median(values), n: values.length };
}

export const mttdOf = (r: MetricsIncidentRow) => spanSeconds(r.startedAt, r.detectedAt);
export const mttaOf = (r: MetricsIncidentRow) => spanSeconds(r.detectedAt, r.acknowledgedAt);
export const mttrOf = (r: MetricsIncidentRow) => spanSeconds(r.detectedAt, r.resolvedAt);
export const mttrFromStartOf = (r: MetricsIncidentRow) => spanSeconds(r.startedAt, r.resolvedAt);

/** The ISO week an instant falls in: Monday 00:00 UTC. UTC has no daylight saving, so every week is 7 × 24 h. */
export function isoWeekStart(at: Date): Date {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - sinceMonday * dayMs);
}

/** Every ISO week that overlaps [from, to), oldest first; none for an empty range. */
export function weeksOverlapping(from: Date, to: Date): Date[] {
  const weeks: Date[] = [];
  if (from.getTime() >= to.getTime()) return weeks;
  for (let w = isoWeekStart(from).getTime(); w < to.getTime(); w += weekMs) weeks.push(new Date(w));
  return weeks;
}

export type RangePreset = '4w' | '12w' | '6m';
const presetWeeks: Record<RangePreset, number> = { '4w': 4, '12w': 12, '6m': 26 };

/** The last N ISO weeks up to now, the current week included: the API's default is `12w`. */
export function presetRange(preset: RangePreset, now: Date): { from: Date; to: Date } {
  return { from: new Date(isoWeekStart(now).getTime() - (presetWeeks[preset] - 1) * weekMs), to: now };
}

/** Why a range cannot be reported, or null when it can. */
export function rangeProblem(from: Date, to: Date): string | null {
  if (from.getTime() >= to.getTime()) return 'from must be before to';
  if (to.getTime() - from.getTime() > maxMetricsRangeDays * dayMs) return `the range may cover at most 2 years (${maxMetricsRangeDays} days)`;
  return null;
}

function byCountThen<T extends { count: number }>(tieBreak: (a: T, b: T) => number) {
  return (a: T, b: T) => b.count - a.count || tieBreak(a, b);
}

/** The report for incidents already chosen by detectedAt in [from, to). */
export function computeMetrics(rows: readonly MetricsIncidentRow[], from: Date, to: Date): MetricsReport {
  const weeks = weeksOverlapping(from, to);
  const weekRows = new Map(weeks.map((w) => [w.getTime(), [] as MetricsIncidentRow[]]));
  const services = new Map<string, { serviceName: string; rows: MetricsIncidentRow[] }>();
  const classes = new Map<string, AlertClassMetrics>();
  for (const row of rows) {
    if (row.detectedAt) weekRows.get(isoWeekStart(row.detectedAt).getTime())?.push(row);
    const service = services.get(row.serviceId) ?? { serviceName: row.serviceName, rows: [] };
    service.rows.push(row);
    services.set(row.serviceId, service);
    for (const alertClass of new Set(row.alertClasses)) {
      const key = JSON.stringify([alertClass, row.serviceId]);
      const entry = classes.get(key) ?? { alertClass, serviceId: row.serviceId, serviceName: row.serviceName, count: 0 };
      entry.count += 1;
      classes.set(key, entry);
    }
  }
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    count: rows.length,
    byWeek: weeks.map((w) => {
      const inWeek = weekRows.get(w.getTime())!;
      return { weekStart: w.toISOString(), count: inWeek.length, mtta: summarize(inWeek.map(mttaOf)), mttr: summarize(inWeek.map(mttrOf)) };
    }),
    mttd: summarize(rows.map(mttdOf)),
    mtta: summarize(rows.map(mttaOf)),
    mttr: summarize(rows.map(mttrOf)),
    mttrFromStart: summarize(rows.map(mttrFromStartOf)),
    byService: [...services]
      .map(([serviceId, s]) => ({
        serviceId,
        serviceName: s.serviceName,
        count: s.rows.length,
        mtta: summarize(s.rows.map(mttaOf)),
        mttr: summarize(s.rows.map(mttrOf)),
      }))
      .sort(byCountThen((a, b) => a.serviceName.localeCompare(b.serviceName))),
    byAlertClass: [...classes.values()].sort(
      byCountThen((a, b) => a.alertClass.localeCompare(b.alertClass) || a.serviceName.localeCompare(b.serviceName)),
    ),
  };
}
