import type { Incident } from '../../shared/api/incidents';
import { incidentStatuses, isOpen } from '../../shared/domain/lifecycle';
import { isUrgent, severities, severityRank } from '../../shared/domain/severity';
import type { ListIncidentsFilter } from '../api/incidents';

/**
 * The incident list's filters. Online the server answers each one; offline the device's copy is
 * filtered here by the same rules, on the incidents as shown (waiting commands applied).
 */
export const incidentFilters = ['open', 'mine', 'urgent'] as const;
export type IncidentFilter = (typeof incidentFilters)[number];

export const openStatuses = incidentStatuses.filter(isOpen);
/** The severities that wake people (Web Push urgency high) are the ones worth a filter of their own. */
export const urgentSeverities = severities.filter(isUrgent);

const lastUrgent = urgentSeverities[urgentSeverities.length - 1];
export const filterLabels: Record<IncidentFilter, string> = {
  open: 'All open',
  mine: 'Mine',
  urgent: `${urgentSeverities[0]}–${severityRank(lastUrgent) + 1}`,
};

/** The filter named in `?filter=`; anything else is the default, all open incidents. */
export function parseFilter(value: unknown): IncidentFilter {
  return incidentFilters.find((filter) => filter === value) ?? 'open';
}

/** What the server is asked for: open incidents only, narrowed by the filter. */
export function filterQuery(filter: IncidentFilter): ListIncidentsFilter {
  return {
    status: openStatuses,
    ...(filter === 'urgent' && { severity: urgentSeverities }),
    ...(filter === 'mine' && { pagedUser: 'me' }),
  };
}

/**
 * The filter's rule on the device. Who was paged is known to the server only, so "mine" keeps
 * the incidents its last answer listed, minus those no longer open.
 */
export function matchesFilter(incident: Incident, filter: IncidentFilter): boolean {
  if (!isOpen(incident.status)) return false;
  return filter !== 'urgent' || urgentSeverities.includes(incident.severity);
}
