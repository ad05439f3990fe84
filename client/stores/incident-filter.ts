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
