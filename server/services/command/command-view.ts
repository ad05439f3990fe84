import type { IncidentDetail } from '../../../shared/api/incidents';
import type { Tx } from '../../db/client';
import { commandStateOf, rolesView } from '../../db/stores/incident-roles';

/** The incident detail's roles (with names) and ticked checklist items. */
export async function commandView(tx: Tx, incidentId: string): Promise<Pick<IncidentDetail, 'roles' | 'checklist'>> {
  const state = await commandStateOf(tx, incidentId);
  if (!state) return { roles: { commander: null, communications: null, scribe: null, experts: [] }, checklist: [] };
  return { roles: await rolesView(tx, state.roles), checklist: state.checklist };
}
