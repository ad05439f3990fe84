import { addedAsWording, rolesHeldBy, type IncidentRoles } from '../../shared/domain/incident-roles';
import type { Tx } from '../db/client';
import { directPageStep } from '../db/stores/direct-pages';
import { insertPages, type PageRow } from '../db/stores/engine';
import { targetResolver, type PagedUser, type SkippedUser } from './targets';

/**
 * Pages people into an incident now, outside its escalation steps: an added responder, or someone just given a
 * role. Each person's notification rules apply as for an escalation step (push to every device, contact methods,
 * re-pages after their delays); the engine's notify and delivery modules send the pages, with the usual
 * acknowledge token and `paged` / `page_delivered` timeline events. The pages carry `directPageStep`, so they
 * go out even while the incident is acknowledged and leave its escalation where it is. Call inside the
 * caller's transaction, then wake the engine after commit.
 */
export async function pageNow(tx: Tx, incidentId: string, userIds: string[], now: Date): Promise<{ paged: PagedUser[]; skipped: SkippedUser[] }> {
  const { paged, skipped } = await targetResolver(tx)(
    userIds.map((id) => ({ type: 'user' as const, id })),
    now,
  );
  const pages: PageRow[] = paged.flatMap((user) =>
    user.rules.map((rule, index) => ({
      id: crypto.randomUUID(),
      incidentId,
      userId: user.id,
      step: directPageStep,
      loop: 0,
      rule: index,
      method: rule.method,
      contactMethodId: rule.contactMethodId ?? null,
      dueAt: new Date(now.getTime() + rule.delaySeconds * 1000),
      state: 'pending' as const,
    })),
  );
  await insertPages(tx, pages);
  return { paged, skipped };
}

/** Why a direct page came, for its push: the first role the person holds now, or "a responder". */
export function directPageReason(incident: { number: number; roles: IncidentRoles | null }, userId: string): string {
  const [role] = incident.roles ? rolesHeldBy(incident.roles, userId) : [];
  return addedAsWording(role ?? null, incident.number);
}
