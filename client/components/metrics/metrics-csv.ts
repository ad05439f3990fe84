import type { DurationSummary, MetricsReport } from '../../../shared/domain/metrics';

/**
 * CSV exports built on the phone from the report already shown, one row per week and one per service.
 * Spreadsheets run a cell starting with = + - @ as a formula: service names are typed by people, so such a
 * cell is prefixed with ' (OWASP's advice).
 */
function cell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(Math.round(value * 10) / 10);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const row = (values: Array<string | number | null>) => values.map(cell).join(',');
const figure = (name: string) => [`${name}_mean_seconds`, `${name}_median_seconds`, `${name}_n`];
const figureCells = (s: DurationSummary) => [s.meanSeconds, s.medianSeconds, s.n];
const lines = (rows: string[]) => `${rows.join('\r\n')}\r\n`;

export function weeklyCsv(report: MetricsReport): string {
  return lines([
    row(['week_start', 'incidents', ...figure('mtta'), ...figure('mttr')]),
    ...report.byWeek.map((week) => row([week.weekStart.slice(0, 10), week.count, ...figureCells(week.mtta), ...figureCells(week.mttr)])),
  ]);
}

export function serviceCsv(report: MetricsReport): string {
  return lines([
    row(['service_id', 'service', 'incidents', ...figure('mtta'), ...figure('mttr')]),
    ...report.byService.map((s) => row([s.serviceId, s.serviceName, s.count, ...figureCells(s.mtta), ...figureCells(s.mttr)])),
  ]);
}

/** `muster-metrics-weekly-2026-01-05-to-2026-03-29.csv` */
export function csvFileName(kind: 'weekly' | 'services', report: MetricsReport): string {
  const lastDay = new Date(new Date(report.to).getTime() - 1).toISOString().slice(0, 10);
  return `muster-metrics-${kind}-${report.from.slice(0, 10)}-to-${lastDay}.csv`;
}

/** Saves text as a file through a temporary link; works offline, nothing goes to the server. */
export function downloadCsv(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
