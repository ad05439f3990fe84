import { z } from 'zod';
import { id } from './common';
import { severities } from '../domain/severity';

export type { DurationSummary, MetricsReport, ServiceMetrics, AlertClassMetrics, WeekMetrics } from '../domain/metrics';

/** `2026-03-02` (midnight UTC) or a full ISO date-time with a zone (`2026-03-02T10:00:00Z`, `…+01:00`). */
const instant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/, 'must be an ISO date (2026-03-02) or date-time with a zone (2026-03-02T10:00:00Z)')
  .transform((raw, ctx) => {
    const date = new Date(raw.length === 10 ? `${raw}T00:00:00Z` : raw);
    // Date rolls 2026-02-31 over into March; a calendar date that does not exist is refused instead.
    const [year, month, day] = raw.slice(0, 10).split('-').map(Number) as [number, number, number];
    const calendar = new Date(Date.UTC(year, month - 1, day));
    if (Number.isNaN(date.getTime()) || calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) {
      ctx.addIssue({ code: 'custom', message: `${raw} is not a valid date` });
      return z.NEVER;
    }
    return date;
  });

const severityList = z
  .string()
  .transform((raw) => raw.split(',').filter(Boolean))
  .pipe(z.array(z.enum(severities, { message: 'must be a comma list of SEV-1, SEV-2, SEV-3, SEV-4' })).min(1, 'give at least one severity'));

export const metricsQuery = z.object({
  from: instant.optional(),
  to: instant.optional(),
  serviceId: id.optional(),
  severity: severityList.optional(),
});
