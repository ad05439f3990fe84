import type { IncidentDetail } from '../../../shared/api/incidents';
import { followIncidentRow } from '../../db/stores/followers';
import { findIncident } from '../../db/stores/incidents';
import { notFound } from '../../errors';
import type { Runtime } from '../../runtime';
import { incidentDetail } from './incident-detail';

/** The caller follows an incident's status updates; following again only changes `viaContactMethods`. */
export async function followIncident(rt: Runtime, incidentId: string, userId: string, viaContactMethods: boolean): Promise<IncidentDetail> {
  const now = rt.clock.now();
  const detail = await rt.db.transaction(async (tx) => {
    if (!(await findIncident(tx, incidentId))) throw notFound(`incident ${incidentId}`);
    await followIncidentRow(tx, incidentId, userId, viaContactMethods, now);
    return incidentDetail(tx, incidentId, userId);
  });
  rt.events.publish({ incidentId, reason: 'followers' });
  return detail;
}
