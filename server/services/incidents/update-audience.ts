import type { IncidentRoles, StatusUpdateAudience } from '../../../shared/domain/incident-roles';
import type { FollowerRow } from '../../db/stores/followers';
import type { NoticeRecipient } from '../../engine/notices';

/** Everyone holding a role on the incident. */
export function roleHolders(roles: IncidentRoles | null): string[] {
  if (!roles) return [];
  return [roles.commander, roles.communications, roles.scribe, ...roles.experts].filter((id): id is string => id !== null);
}

/**
 * Who receives a status update: `stakeholders` goes to every follower; `internal` only to followers who are part
 * of the response (they hold a role, were paged for it, or acknowledged it). The author never gets their own.
 */
export function updateRecipients(followers: FollowerRow[], audience: StatusUpdateAudience, responders: ReadonlySet<string>, authorId: string | null): NoticeRecipient[] {
  return followers
    .filter((follower) => follower.userId !== authorId && (audience === 'stakeholders' || responders.has(follower.userId)))
    .map(({ userId, viaContactMethods }) => ({ userId, viaContactMethods }));
}
