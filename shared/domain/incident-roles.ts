import type { Severity } from './severity';

/**
 * Incident roles, their checklists and status-update audiences: plain constants the app, the service worker
 * and the server share (kept free of zod so the app bundle stays free of zod's eval probe).
 */
export const incidentRoles = ['commander', 'communications', 'scribe', 'experts'] as const;
export type IncidentRole = (typeof incidentRoles)[number];

export const roleLabels: Record<IncidentRole, string> = {
  commander: 'Incident Commander',
  communications: 'Communications Lead',
  scribe: 'Scribe',
  experts: 'Subject Matter Expert',
};

/** Who holds each role on one incident, by user id. */
export interface IncidentRoles {
  commander: string | null;
  communications: string | null;
  scribe: string | null;
  experts: string[];
}

export const noRoles: IncidentRoles = { commander: null, communications: null, scribe: null, experts: [] };

export const statusUpdateAudiences = ['internal', 'stakeholders'] as const;
export type StatusUpdateAudience = (typeof statusUpdateAudiences)[number];

/** Minutes without a status update after which the communications lead (or commander) is reminded. */
export const defaultUpdateCadenceMinutes: Partial<Record<Severity, number>> = { 'SEV-1': 30, 'SEV-2': 60 };

export interface ChecklistItem {
  /** Unique within its role; an incident's `checklist` holds `role:key` for each item ticked on it. */
  key: string;
  label: string;
}

/** What each role should not forget, ticked per incident (the practice's short role checklists). */
export const roleChecklists: Record<IncidentRole, ChecklistItem[]> = {
  commander: [
    { key: 'size-up', label: 'Size up the situation' },
    { key: 'stabilise', label: 'Stabilise: stop the impact getting worse' },
    { key: 'assign-roles', label: 'Assign roles' },
    { key: 'set-cadence', label: 'Set the update cadence' },
    { key: 'verify-recovery', label: 'Verify recovery' },
  ],
  communications: [{ key: 'first-update', label: 'First stakeholder update within the cadence' }],
  scribe: [{ key: 'capture-decisions', label: 'Capture decisions and actions' }],
  experts: [{ key: 'report-findings', label: 'Report findings to the commander' }],
};

/** How a ticked item is stored on the incident: `commander:size-up`. */
export const checklistKey = (role: IncidentRole, item: string) => `${role}:${item}`;

export function checklistItem(role: IncidentRole, key: string): ChecklistItem | undefined {
  return roleChecklists[role].find((item) => item.key === key);
}

/** The roles one person holds on an incident, in the order the roles are listed. */
export function rolesHeldBy(roles: IncidentRoles, userId: string): IncidentRole[] {
  return incidentRoles.filter((role) => (role === 'experts' ? roles.experts.includes(userId) : roles[role] === userId));
}

/** Everyone holding any role. */
export function roleHolders(roles: IncidentRoles): string[] {
  return [...new Set([roles.commander, roles.communications, roles.scribe, ...roles.experts].filter((id): id is string => id !== null))];
}

/** What a roles change asks for: a field left out keeps its holder. */
export interface RolesChange {
  commander?: string | null;
  communications?: string | null;
  scribe?: string | null;
  experts?: string[];
}

export function applyRolesChange(roles: IncidentRoles, change: RolesChange): IncidentRoles {
  return {
    commander: change.commander === undefined ? roles.commander : change.commander,
    communications: change.communications === undefined ? roles.communications : change.communications,
    scribe: change.scribe === undefined ? roles.scribe : change.scribe,
    experts: change.experts === undefined ? roles.experts : [...new Set(change.experts)],
  };
}

/** One role's change as the timeline records it; experts as lists of who was added and removed. */
export type RoleChange =
  | { role: Exclude<IncidentRole, 'experts'>; from: string | null; to: string | null }
  | { role: 'experts'; added: string[]; removed: string[] };

export function roleChanges(before: IncidentRoles, after: IncidentRoles): RoleChange[] {
  const changes: RoleChange[] = [];
  for (const role of ['commander', 'communications', 'scribe'] as const) {
    if (before[role] !== after[role]) changes.push({ role, from: before[role], to: after[role] });
  }
  const added = after.experts.filter((id) => !before.experts.includes(id));
  const removed = before.experts.filter((id) => !after.experts.includes(id));
  if (added.length || removed.length) changes.push({ role: 'experts', added, removed });
  return changes;
}

/** The push a newly assigned person gets: "You were added as Subject Matter Expert on #12". */
export function addedAsWording(role: IncidentRole | null, incidentNumber: number): string {
  return `You were added as ${role ? roleLabels[role] : 'a responder'} on #${incidentNumber}`;
}
