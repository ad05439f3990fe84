import type { User } from '../../../shared/api/accounts';
import type { IncidentDetail } from '../../../shared/api/incidents';
import { cancelDirectPages, hasDirectPage } from '../../db/stores/direct-pages';
import type { Runtime } from '../../runtime';
import { userActor } from './actor';
import { changeIncidentStatus } from './change-status';
import { incidentDetail } from './incident-detail';

/**
 * Acknowledge from a notification. A locked phone has no session to carry an
 * Idempotency-Key, so when a reply is lost and the phone resends, the same user
 * acknowledging again gets the incident back unchanged instead of a 409. Someone
 * paged directly (an added responder) into an incident already acknowledged gets
 * it back too, and their re-pages stop: they were wanted whatever its status.
 */
export async function acknowledgeFromPage(rt: Runtime, incidentId: string, user: Pick<User, 'id' | 'name'>): Promise<IncidentDetail> {
  const current = await incidentDetail(rt.db, incidentId);
  const lastAck = current.timeline.findLast((event) => event.type === 'acknowledged');
  if (current.status === 'acknowledged' && lastAck?.actor.id === user.id) return current;
  if (current.status === 'acknowledged' && (await hasDirectPage(rt.db, incidentId, user.id))) {
    await rt.db.transaction((tx) => cancelDirectPages(tx, incidentId, user.id));
    return current;
  }
  return changeIncidentStatus(rt, incidentId, 'acknowledge', userActor(user));
}
