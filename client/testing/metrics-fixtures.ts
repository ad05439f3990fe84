import type { MetricsReport } from '../../shared/domain/metrics';

/** A report with awkward service names (a comma and quotes, a spreadsheet formula) and an empty week. */
const none = { meanSeconds: null, medianSeconds: null, n: 0 };
export const sampleReport: MetricsReport = {
  from: '2026-03-02T00:00:00.000Z',
  to: '2026-03-16T00:00:00.000Z',
  count: 5,
  byWeek: [
    { weekStart: '2026-03-02T00:00:00.000Z', count: 2, mtta: { meanSeconds: 180, medianSeconds: 180, n: 2 }, mttr: { meanSeconds: 1800, medianSeconds: 1800, n: 1 } },
    { weekStart: '2026-03-09T00:00:00.000Z', count: 0, mtta: none, mttr: none },
  ],
  mttd: { meanSeconds: 144, medianSeconds: 0, n: 5 },
  mtta: { meanSeconds: 180, medianSeconds: 180, n: 3 },
  mttr: { meanSeconds: 2200, medianSeconds: 1800, n: 3 },
  mttrFromStart: { meanSeconds: 2440.25, medianSeconds: 1920, n: 3 },
  byService: [
    { serviceId: 'svc-a', serviceName: 'Checkout, EU "prod"', count: 3, mtta: { meanSeconds: 180, medianSeconds: 180, n: 2 }, mttr: { meanSeconds: 1800, medianSeconds: 1800, n: 1 } },
    { serviceId: 'svc-b', serviceName: '=HYPERLINK("x")', count: 2, mtta: none, mttr: { meanSeconds: 2400.04, medianSeconds: 2400, n: 2 } },
  ],
  byAlertClass: [{ alertClass: 'HighLatency', serviceId: 'svc-a', serviceName: 'Checkout, EU "prod"', count: 2 }],
};

