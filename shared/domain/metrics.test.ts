import { describe, expect, it } from 'vitest';
import {
  computeMetrics,
  isoWeekStart,
  median,
  presetRange,
  rangeProblem,
  spanSeconds,
  summarize,
  weeksOverlapping,
  type MetricsIncidentRow,
} from './metrics';

const at = (iso: string) => new Date(iso);
const row = (over: Partial<MetricsIncidentRow> & { incidentId: string }): MetricsIncidentRow => ({
  serviceId: 'svc-a',
  serviceName: 'Checkout',
  startedAt: null,
  detectedAt: null,
  acknowledgedAt: null,
  resolvedAt: null,
  alertClasses: [],
  ...over,
});

describe('durations, mean and median', () => {
  it('a span is in seconds, null when a timestamp is missing or the end comes first', () => {
    expect(spanSeconds(at('2026-03-02T10:00:00Z'), at('2026-03-02T10:01:30.500Z'))).toBe(90.5);
    expect(spanSeconds(null, at('2026-03-02T10:00:00Z'))).toBeNull();
    expect(spanSeconds(at('2026-03-02T10:00:00Z'), null)).toBeNull();
    expect(spanSeconds(at('2026-03-02T10:00:01Z'), at('2026-03-02T10:00:00Z'))).toBeNull();
    expect(spanSeconds(at('2026-03-02T10:00:00Z'), at('2026-03-02T10:00:00Z'))).toBe(0);
  });

  it('median of an odd count is the middle value, of an even count the mean of the two middle ones', () => {
    expect(median([300, 60, 120])).toBe(120);
    expect(median([300, 60, 120, 600])).toBe(210); // (120 + 300) / 2
    expect(median([7])).toBe(7);
    expect(median([])).toBeNull();
  });

  it('a summary leaves missing spans out of n and has null figures when none is left', () => {
    expect(summarize([60, null, 120, 300])).toEqual({ meanSeconds: 160, medianSeconds: 120, n: 3 });
    expect(summarize([null, null])).toEqual({ meanSeconds: null, medianSeconds: null, n: 0 });
    expect(summarize([])).toEqual({ meanSeconds: null, medianSeconds: null, n: 0 });
  });
});

describe('ISO weeks in UTC', () => {
  it('a week starts on Monday 00:00 UTC, whatever the day and time', () => {
    expect(isoWeekStart(at('2026-03-02T00:00:00Z')).toISOString()).toBe('2026-03-02T00:00:00.000Z'); // a Monday
    expect(isoWeekStart(at('2026-03-08T23:59:59.999Z')).toISOString()).toBe('2026-03-02T00:00:00.000Z'); // its Sunday
    expect(isoWeekStart(at('2026-03-09T00:00:00Z')).toISOString()).toBe('2026-03-09T00:00:00.000Z');
    expect(isoWeekStart(at('2027-01-01T12:00:00Z')).toISOString()).toBe('2026-12-28T00:00:00.000Z'); // across the year
  });

  it('the week of a daylight-saving change is still 7 × 24 h: Europe moved clocks on Sunday 2026-03-29', () => {
    const weeks = weeksOverlapping(at('2026-03-23T00:00:00Z'), at('2026-04-06T00:00:00Z'));
    expect(weeks.map((w) => w.toISOString())).toEqual(['2026-03-23T00:00:00.000Z', '2026-03-30T00:00:00.000Z']);
    // 01:30 UTC on the change day is 03:30 in Berlin, yet it belongs to the week of 23 March.
    expect(isoWeekStart(at('2026-03-29T01:30:00Z')).toISOString()).toBe('2026-03-23T00:00:00.000Z');
    expect(isoWeekStart(at('2026-03-29T23:30:00Z')).toISOString()).toBe('2026-03-23T00:00:00.000Z');
  });

  it('every week overlapping the range is listed, a partial first and last week too; an empty range has none', () => {
    expect(weeksOverlapping(at('2026-03-04T12:00:00Z'), at('2026-03-16T00:00:01Z')).map((w) => w.toISOString())).toEqual([
      '2026-03-02T00:00:00.000Z',
      '2026-03-09T00:00:00.000Z',
      '2026-03-16T00:00:00.000Z',
    ]);
    expect(weeksOverlapping(at('2026-03-04T00:00:00Z'), at('2026-03-04T00:00:00Z'))).toEqual([]);
  });

  it('presets cover the last N weeks, the current one included', () => {
    const now = at('2026-03-25T15:00:00Z'); // a Wednesday
    expect(presetRange('4w', now)).toEqual({ from: at('2026-03-02T00:00:00Z'), to: now });
    expect(presetRange('12w', now)).toEqual({ from: at('2026-01-05T00:00:00Z'), to: now });
    expect(weeksOverlapping(presetRange('6m', now).from, now)).toHaveLength(26);
  });

  it('a range must run forwards and cover at most two years', () => {
    expect(rangeProblem(at('2026-03-02T00:00:00Z'), at('2026-03-02T00:00:00Z'))).toMatch(/from must be before to/);
    expect(rangeProblem(at('2024-02-29T00:00:00Z'), at('2026-03-02T00:00:00Z'))).toMatch(/2 years/); // 732 days
    expect(rangeProblem(at('2024-03-01T00:00:00Z'), at('2026-03-02T00:00:00Z'))).toBeNull(); // 731 days
  });
});

describe('the report', () => {
  // Hand-computed: three Checkout incidents and one Search incident, in the weeks of 2 and 9 March.
  const rows: MetricsIncidentRow[] = [
    row({
      incidentId: 'a',
      startedAt: at('2026-03-02T09:58:00Z'),
      detectedAt: at('2026-03-02T10:00:00Z'),
      acknowledgedAt: at('2026-03-02T10:01:00Z'),
      resolvedAt: at('2026-03-02T10:30:00Z'),
      alertClasses: ['HighLatency'],
    }),
    row({
      incidentId: 'b',
      startedAt: at('2026-03-04T12:00:00Z'),
      detectedAt: at('2026-03-04T12:00:00Z'),
      acknowledgedAt: at('2026-03-04T12:05:00Z'),
      resolvedAt: null, // still open: no MTTR
      alertClasses: ['HighLatency', 'HighLatency', 'DiskFull'],
    }),
    row({
      incidentId: 'c',
      startedAt: at('2026-03-10T00:00:00Z'),
      detectedAt: at('2026-03-10T00:10:00Z'),
      acknowledgedAt: null, // resolved without an acknowledgement
      resolvedAt: at('2026-03-10T01:10:00Z'),
    }),
    row({
      incidentId: 'd',
      serviceId: 'svc-b',
      serviceName: 'Search',
      startedAt: at('2026-03-11T08:00:00Z'),
      detectedAt: at('2026-03-11T08:00:00Z'),
      acknowledgedAt: at('2026-03-11T08:03:00Z'),
      resolvedAt: at('2026-03-11T08:20:00Z'),
      alertClasses: ['HighLatency'],
    }),
  ];
  const report = computeMetrics(rows, at('2026-03-02T00:00:00Z'), at('2026-03-16T00:00:00Z'));

  it('counts, buckets by ISO week and averages each figure over the incidents that have its timestamps', () => {
    expect(report.from).toBe('2026-03-02T00:00:00.000Z');
    expect(report.to).toBe('2026-03-16T00:00:00.000Z');
    expect(report.count).toBe(4);
    expect(report.byWeek.map(({ weekStart, count }) => [weekStart, count])).toEqual([
      ['2026-03-02T00:00:00.000Z', 2],
      ['2026-03-09T00:00:00.000Z', 2],
    ]);
    // MTTD: 120, 0, 600, 0 → mean 180, median (0 + 120) / 2 = 60.
    expect(report.mttd).toEqual({ meanSeconds: 180, medianSeconds: 60, n: 4 });
    // MTTA: 60, 300, –, 180 → mean 180, median 180.
    expect(report.mtta).toEqual({ meanSeconds: 180, medianSeconds: 180, n: 3 });
    // MTTR: 1800, –, 3600, 1200 → mean 2200, median 1800.
    expect(report.mttr).toEqual({ meanSeconds: 2200, medianSeconds: 1800, n: 3 });
    // From start: 1920, –, 4200, 1200 → mean 2440, median 1920.
    expect(report.mttrFromStart).toEqual({ meanSeconds: 2440, medianSeconds: 1920, n: 3 });
    expect(report.byWeek[0]!.mtta).toEqual({ meanSeconds: 180, medianSeconds: 180, n: 2 });
    expect(report.byWeek[1]!.mttr).toEqual({ meanSeconds: 2400, medianSeconds: 2400, n: 2 });
  });

  it('lists services and alert classes with the most incidents first; an incident counts once per class', () => {
    expect(report.byService).toEqual([
      {
        serviceId: 'svc-a',
        serviceName: 'Checkout',
        count: 3,
        mtta: { meanSeconds: 180, medianSeconds: 180, n: 2 },
        mttr: { meanSeconds: 2700, medianSeconds: 2700, n: 2 },
      },
      {
        serviceId: 'svc-b',
        serviceName: 'Search',
        count: 1,
        mtta: { meanSeconds: 180, medianSeconds: 180, n: 1 },
        mttr: { meanSeconds: 1200, medianSeconds: 1200, n: 1 },
      },
    ]);
    expect(report.byAlertClass).toEqual([
      { alertClass: 'HighLatency', serviceId: 'svc-a', serviceName: 'Checkout', count: 2 },
      { alertClass: 'DiskFull', serviceId: 'svc-a', serviceName: 'Checkout', count: 1 },
      { alertClass: 'HighLatency', serviceId: 'svc-b', serviceName: 'Search', count: 1 },
    ]);
  });

  it('an empty range has zero-count weeks and null figures', () => {
    const empty = computeMetrics([], at('2026-03-02T00:00:00Z'), at('2026-03-23T00:00:00Z'));
    expect(empty.count).toBe(0);
    expect(empty.byWeek.map((w) => w.count)).toEqual([0, 0, 0]);
    expect(empty.byWeek[0]!.mtta).toEqual({ meanSeconds: null, medianSeconds: null, n: 0 });
    for (const figure of [empty.mttd, empty.mtta, empty.mttr, empty.mttrFromStart]) expect(figure).toEqual({ meanSeconds: null, medianSeconds: null, n: 0 });
    expect([empty.byService, empty.byAlertClass]).toEqual([[], []]);
  });
});
