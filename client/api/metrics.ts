import type { MetricsReport } from '../../shared/domain/metrics';
import { request } from './http';

export interface MetricsQuery {
  /** ISO date-times; the server's default is the last 12 weeks. */
  from?: string;
  to?: string;
  serviceId?: string;
  /** Comma list, e.g. `SEV-1,SEV-2`. */
  severity?: string;
}

export const metricsApi = {
  get: (query: MetricsQuery = {}) => request<MetricsReport>('GET', '/metrics', { query: { ...query } }),
};
