import type { IncidentDetail } from '../../../shared/api/incidents';
import { effectiveCadenceMinutes, nextUpdateDueAt } from '../../../shared/domain/update-cadence';
import type { Tx } from '../../db/client';
import { followersOf } from '../../db/stores/followers';
import { findCadenceRow } from '../../db/stores/update-reminders';

type StatusUpdateState = Pick<IncidentDetail, 'followers' | 'following' | 'updateCadenceMinutes' | 'lastStatusUpdateAt' | 'nextUpdateDueAt'>;

/** The incident's followers and update cadence as its detail shows them; `following` is the viewer's. */
export async function statusUpdateState(tx: Tx, incidentId: string, viewerId: string | undefined): Promise<StatusUpdateState> {
  const row = await findCadenceRow(tx, incidentId);
  if (!row) return { followers: [], following: false, updateCadenceMinutes: null, lastStatusUpdateAt: null, nextUpdateDueAt: null };
  const followers = await followersOf(tx, incidentId, row.serviceId);
  return {
    followers: followers.map(({ userId, name, viaService }) => ({ id: userId, name, viaService })),
    following: viewerId !== undefined && followers.some((follower) => follower.userId === viewerId),
    updateCadenceMinutes: effectiveCadenceMinutes(row.severity, row.updateCadenceMinutes),
    lastStatusUpdateAt: row.lastStatusUpdateAt?.toISOString() ?? null,
    nextUpdateDueAt: nextUpdateDueAt(row)?.toISOString() ?? null,
  };
}
