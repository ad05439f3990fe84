import type { IncidentDetail } from '../../../shared/api/incidents';
import { unfollowIncidentRow } from '../../db/stores/followers';
import { findIncident } from '../../db/stores/incidents';
import { notFound } from '../../errors';
import type { Runtime } from '../../runtime';
import { incidentDetail } from './incident-detail';

/** The caller stops following an incident (a follow through its service stays: unfollow the service for that). */
export async function unfollowIncident(rt: Runtime, incidentId: string, userId: string): Promise<IncidentDetail> {
  const detail = await rt.db.transaction(async (tx) => {
    if (!(await findIncident(tx, incidentId))) throw notFound(`incident ${incidentId}`);
    await unfollowIncidentRow(tx, incidentId, userId);
    return incidentDetail(tx, incidentId, userId);
  });
  rt.events.publish({ incidentId, reason: 'followers' });
  return detail;
}
