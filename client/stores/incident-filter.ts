import { statusesShown, type TriageFilter } from '../../shared/domain/triage';
import type { ListIncidentsFilter } from '../api/incidents';

/**
 * The incident list's filter as a server query. The filter itself (parsing the address, the device's rule,
 * the triage order) lives in shared/domain/triage, used by the server too.
 */
export function filterQuery(filter: TriageFilter): ListIncidentsFilter {
  return {
    status: statusesShown(filter),
    ...(filter.severities.length && { severity: filter.severities }),
    ...(filter.serviceId && { serviceId: filter.serviceId }),
    ...(filter.mine && { involvedUser: 'me' }),
    ...(filter.q && { q: filter.q }),
    ...(filter.drills !== 'include' && { drills: filter.drills }),
    sort: 'triage',
  };
}

/*
 * Drill incidents in the list: shown with the rest (include), hidden (exclude) or alone (only). Kept in the
 * address as `?drills=exclude|only`; include is the default and leaves it bare. The server's and the offline
 * filter's rule for it live with the triage filter.
 */
export const drillsChoices = ['include', 'exclude', 'only'] as const;
export type DrillsChoice = (typeof drillsChoices)[number];
export type FilterWithDrills = TriageFilter & { drills?: DrillsChoice };

export const drillsOf = (filter: FilterWithDrills): DrillsChoice => filter.drills ?? 'include';

export function withDrillsFromQuery<T extends TriageFilter>(filter: T, query: Record<string, unknown>): T & { drills: DrillsChoice } {
  const raw = Array.isArray(query.drills) ? query.drills[0] : query.drills;
  const drills = (drillsChoices as readonly unknown[]).includes(raw) ? (raw as DrillsChoice) : 'include';
  return { ...filter, drills };
}

export const drillsQuery = (filter: FilterWithDrills): Record<string, string> => (drillsOf(filter) === 'include' ? {} : { drills: drillsOf(filter) });
