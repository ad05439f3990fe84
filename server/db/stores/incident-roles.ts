import { eq, inArray } from 'drizzle-orm';
import type { Role } from '../../../shared/api/common';
import type { IncidentRolesView } from '../../../shared/api/incident-roles';
import { noRoles, roleHolders, type IncidentRoles } from '../../../shared/domain/incident-roles';
import type { Tx } from '../client';

/** The roles and ticked checklist items stored on an incident (none yet for an incident nobody organised). */
export async function commandStateOf(tx: Tx, incidentId: string): Promise<{ roles: IncidentRoles; checklist: string[] } | undefined> {
  const { incidents } = tx.t;
  const [row] = await tx.select({ roles: incidents.roles, checklist: incidents.checklist }).from(incidents).where(eq(incidents.id, incidentId)).limit(1);
  return row && { roles: row.roles ?? noRoles, checklist: row.checklist ?? [] };
}

export interface Person {
  id: string;
  name: string;
  role: Role;
  active: boolean;
}

/** The people with these ids that exist, with what decides whether they may act on incidents. */
export async function peopleByIds(tx: Tx, ids: string[]): Promise<Map<string, Person>> {
  if (ids.length === 0) return new Map();
  const { users } = tx.t;
  const rows = await tx.select({ id: users.id, name: users.name, role: users.role, active: users.active }).from(users).where(inArray(users.id, [...new Set(ids)]));
  return new Map(rows.map((row) => [row.id, row]));
}

/** Stored roles with names; a holder deleted since is left out rather than shown nameless. */
export async function rolesView(tx: Tx, roles: IncidentRoles): Promise<IncidentRolesView> {
  const people = await peopleByIds(tx, roleHolders(roles));
  const ref = (id: string | null) => {
    const person = id === null ? undefined : people.get(id);
    return person ? { id: person.id, name: person.name } : null;
  };
  return {
    commander: ref(roles.commander),
    communications: ref(roles.communications),
    scribe: ref(roles.scribe),
    experts: roles.experts.flatMap((id) => ref(id) ?? []),
  };
}
