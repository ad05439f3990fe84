import { computeMetrics, presetRange, rangeProblem, type MetricsReport } from '../../../shared/domain/metrics';
import type { Severity } from '../../../shared/domain/severity';
import type { Clock } from '../../clock';
import type { Db } from '../../db/client';
import { loadMetricsRows } from '../../db/stores/metrics';
import { findService } from '../../db/stores/services';
import { badRequest, notFound } from '../../errors';

export interface MetricsRequest {
  from?: Date;
  to?: Date;
  serviceId?: string;
  severity?: Severity[];
}

/** MTTD/MTTA/MTTR, weekly counts and repeat offenders for incidents detected in [from, to); the last 12 weeks by default. */
export async function incidentMetrics(deps: { db: Db; clock: Clock }, request: MetricsRequest): Promise<MetricsReport> {
  const fallback = presetRange('12w', request.to ?? deps.clock.now());
  const from = request.from ?? fallback.from;
  const to = request.to ?? fallback.to;
  const problem = rangeProblem(from, to);
  if (problem) throw badRequest(`invalid range: ${problem} (from ${from.toISOString()}, to ${to.toISOString()})`);
  if (request.serviceId && !(await findService(deps.db, request.serviceId))) throw notFound(`service ${request.serviceId}`);
  const rows = await loadMetricsRows(deps.db, { from, to, serviceId: request.serviceId, severity: request.severity });
  return computeMetrics(rows, from, to);
}
