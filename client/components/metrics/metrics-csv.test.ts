import { describe, expect, it } from 'vitest';
import { sampleReport } from '../../testing/metrics-fixtures';
import { csvFileName, serviceCsv, weeklyCsv } from './metrics-csv';

describe('CSV export', () => {
  it('has one row per week, empty cells where a figure has no incidents', () => {
    expect(weeklyCsv(sampleReport)).toBe(
      'week_start,incidents,mtta_mean_seconds,mtta_median_seconds,mtta_n,mttr_mean_seconds,mttr_median_seconds,mttr_n\r\n' +
        '2026-03-02,2,180,180,2,1800,1800,1\r\n' +
        '2026-03-09,0,,,0,,,0\r\n',
    );
  });

  it('has one row per service, quoting commas and quotes and defusing formulas', () => {
    expect(serviceCsv(sampleReport)).toBe(
      'service_id,service,incidents,mtta_mean_seconds,mtta_median_seconds,mtta_n,mttr_mean_seconds,mttr_median_seconds,mttr_n\r\n' +
        'svc-a,"Checkout, EU ""prod""",3,180,180,2,1800,1800,1\r\n' +
        `svc-b,"'=HYPERLINK(""x"")",2,,,0,2400,2400,2\r\n`,
    );
  });

  it('names the file after the range, its last day included', () => {
    expect(csvFileName('weekly', sampleReport)).toBe('muster-metrics-weekly-2026-03-02-to-2026-03-15.csv');
  });
});
