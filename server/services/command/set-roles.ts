import type { IncidentRolesView, PersonRef } from '../../../shared/api/incident-roles';
import type { Actor } from '../../../shared/api/incidents';
import { applyRolesChange, roleChanges, roleHolders, type RolesChange } from '../../../shared/domain/incident-roles';
import { isOpen } from '../../../shared/domain/lifecycle';
import { usersPagedFor } from '../../db/stores/direct-pages';
import { commandStateOf, peopleByIds, rolesView } from '../../db/stores/incident-roles';
import { appendEvent, findIncident, updateIncidentRow } from '../../db/stores/incidents';
import { pageNow } from '../../engine/page-now';
import { notFound } from '../../errors';
import { afterIncidentCommit, type Runtime } from '../../runtime';
import { peopleWhoMayAct } from './role-people';

/**
 * Assigns incident roles; fields left out keep their holder. Each role that changes is one `role_changed` event
 * (a transfer of command reads "Ada handed command to Bob"). Someone given a role who is not yet involved
 * (never paged for this incident, holding no role, and not the person assigning) is paged now.
 */
export async function setRoles(rt: Runtime, incidentId: string, change: RolesChange, actor: Actor): Promise<IncidentRolesView> {
  const now = rt.clock.now();
  const answer = await rt.db.transaction(async (tx) => {
    const incident = await findIncident(tx, incidentId, { lock: true });
    const state = incident && (await commandStateOf(tx, incidentId));
    if (!incident || !state) throw notFound(`incident ${incidentId}`);
    // Only people newly given a role are checked: removing one expert must not fail because another was deactivated since.
    const named = (['commander', 'communications', 'scribe'] as const).map((field) => {
      const id = change[field];
      return { field, ids: id && id !== state.roles[field] ? [id] : [] };
    });
    await peopleWhoMayAct(tx, [...named, { field: 'experts', ids: (change.experts ?? []).filter((id) => !state.roles.experts.includes(id)) }]);

    const after = applyRolesChange(state.roles, change);
    const changes = roleChanges(state.roles, after);
    if (changes.length === 0) return rolesView(tx, after);
    const before = roleHolders(state.roles);
    const people = await peopleByIds(tx, [...before, ...roleHolders(after)]);
    const ref = (id: string | null): PersonRef | null => (id === null ? null : { id, name: people.get(id)?.name ?? 'a deleted user' });

    await updateIncidentRow(tx, incidentId, { roles: after, updatedAt: now });
    for (const roleChange of changes) {
      const data =
        roleChange.role === 'experts'
          ? { role: 'experts', added: roleChange.added.map(ref), removed: roleChange.removed.map(ref) }
          : { role: roleChange.role, from: ref(roleChange.from), to: ref(roleChange.to) };
      await appendEvent(tx, incidentId, { type: 'role_changed', at: now, actor, data });
    }
    const newcomers = roleHolders(after).filter((id) => !before.includes(id) && id !== actor.id);
    const involved = await usersPagedFor(tx, incidentId, newcomers);
    const toPage = newcomers.filter((id) => !involved.has(id));
    // A resolved incident pages nobody; the role is still recorded for its review.
    if (toPage.length > 0 && isOpen(incident.status)) await pageNow(tx, incidentId, toPage, now);
    return rolesView(tx, after);
  });
  afterIncidentCommit(rt, incidentId, 'role_changed');
  return answer;
}
