import type { IncidentRoles, StatusUpdateAudience } from '../../../shared/domain/incident-roles';
import type { Tx } from '../../db/client';
import { findDrillRow } from '../../db/stores/drills';
import { followersOf, pagedUsersOf, type FollowerRow } from '../../db/stores/followers';
import type { CadenceRow } from '../../db/stores/update-reminders';
import type { NoticeRecipient } from '../../engine/notices';

/** Everyone holding a role on the incident. */
export function roleHolders(roles: IncidentRoles | null): string[] {
  if (!roles) return [];
  return [roles.commander, roles.communications, roles.scribe, ...roles.experts].filter((id): id is string => id !== null);
}

/**
 * Who takes part in a game-day drill, as far as hearing about it goes: its participant list when it names one;
 * otherwise the people it paged, whoever started it and the incident's role holders. Nobody else is told
 * anything about a drill, whatever they follow.
 */
export function drillParticipants(drill: { participants: string[] | null; createdBy: string | null }, paged: readonly string[], roles: IncidentRoles | null): Set<string> {
  if (drill.participants !== null) return new Set(drill.participants);
  return new Set([...paged, ...(drill.createdBy ? [drill.createdBy] : []), ...roleHolders(roles)]);
}

/**
 * Who receives a status update: `stakeholders` goes to every follower; `internal` only to followers who are part
 * of the response (they hold a role, were paged for it, or acknowledged it). The author never gets their own.
 * On a drill's incident only followers among `drillPeople` (see drillParticipants) receive it at all.
 */
export function updateRecipients(
  followers: FollowerRow[],
  audience: StatusUpdateAudience,
  responders: ReadonlySet<string>,
  authorId: string | null,
  drillPeople: ReadonlySet<string> | null = null,
): NoticeRecipient[] {
  return followers
    .filter((follower) => follower.userId !== authorId && (audience === 'stakeholders' || responders.has(follower.userId)))
    .filter((follower) => drillPeople === null || drillPeople.has(follower.userId))
    .map(({ userId, viaContactMethods }) => ({ userId, viaContactMethods }));
}

/** The recipients of a status update on this incident, read from the database: the one place that works them out. */
export async function statusUpdateRecipients(tx: Tx, incident: CadenceRow, audience: StatusUpdateAudience, authorId: string | null): Promise<NoticeRecipient[]> {
  const paged = await pagedUsersOf(tx, incident.id);
  const responders = new Set([...roleHolders(incident.roles), ...paged, ...(incident.acknowledgedById ? [incident.acknowledgedById] : [])]);
  const drill = incident.drillId === null ? undefined : await findDrillRow(tx, incident.drillId);
  // A drill row that is gone (it never is: drills are not deleted) would leave nobody to tell: the safe side.
  const drillPeople = incident.drillId === null ? null : drill ? drillParticipants(drill, paged, incident.roles) : new Set<string>();
  return updateRecipients(await followersOf(tx, incident.id, incident.serviceId), audience, responders, authorId, drillPeople);
}
