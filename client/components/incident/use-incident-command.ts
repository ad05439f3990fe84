import type { IncidentRolesView } from '../../../shared/api/incident-roles';
import type { IncidentDetail } from '../../../shared/api/incidents';
import { incidentCommand } from '../../offline/optimistic';
import type { RoleCommandInput } from '../../offline/role-commands';
import { emptyRolesView } from '../../offline/role-commands';
import { useConnectivityStore } from '../../stores/connectivity';

/** Queues role, checklist and add-responder commands through the outbox (shown at once, sent when online). */
export function useIncidentCommand() {
  const connectivity = useConnectivityStore();
  return (incidentId: string, input: RoleCommandInput) => connectivity.enqueue(incidentCommand(incidentId, input));
}

/** Older cached copies (and servers) lack roles: they read as nobody holding any. */
export const rolesOf = (incident: IncidentDetail): IncidentRolesView => incident.roles ?? emptyRolesView;
