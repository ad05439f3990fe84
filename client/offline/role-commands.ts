import type { IncidentRolesView, PersonRef } from '../../shared/api/incident-roles';
import type { Actor, Incident, IncidentDetail, TimelineEventType } from '../../shared/api/incidents';
import {
  applyRolesChange,
  checklistItem,
  checklistKey,
  incidentRoles,
  roleChanges,
  type IncidentRole,
  type IncidentRoles,
  type RolesChange,
} from '../../shared/domain/incident-roles';
import type { OutboxCommand } from './db';
import type { EnqueueInput } from './outbox';

/**
 * Role, checklist and add-responder commands and how a waiting one changes what the phone shows. Roles and
 * checklist ticks show at once (the shared rules in shared/domain/incident-roles decide); added responders
 * show once the server has paged them.
 */

export type RoleCommandInput =
  /** `names`: who the ids are, so the phone can show the new holders before the server answers. */
  | { kind: 'roles'; change: RolesChange; names: Record<string, string> }
  | { kind: 'checklist'; role: IncidentRole; item: string; done: boolean }
  | { kind: 'responders'; target: { userId: string } | { scheduleId: string } };

export const roleCommandKinds = ['roles', 'checklist', 'responders'] as const;
export const isRoleCommand = (kind: string): boolean => (roleCommandKinds as readonly string[]).includes(kind);

export function roleCommand(incidentId: string, input: RoleCommandInput): EnqueueInput {
  const path = `/api/v1/incidents/${encodeURIComponent(incidentId)}`;
  switch (input.kind) {
    case 'roles':
      return { method: 'PUT', path: `${path}/roles`, kind: 'roles', incidentId, body: input.change, names: input.names };
    case 'checklist':
      return { method: 'POST', path: `${path}/checklist`, kind: 'checklist', incidentId, body: { role: input.role, item: input.item, done: input.done } };
    case 'responders':
      return { method: 'POST', path: `${path}/responders`, kind: 'responders', incidentId, body: input.target };
  }
}

export const emptyRolesView: IncidentRolesView = { commander: null, communications: null, scribe: null, experts: [] };

function idsOf(view: IncidentRolesView): IncidentRoles {
  return { commander: view.commander?.id ?? null, communications: view.communications?.id ?? null, scribe: view.scribe?.id ?? null, experts: view.experts.map((p) => p.id) };
}

export interface RoleCommandEffect<T> {
  incident: T;
  events: Array<{ type: TimelineEventType; data: Record<string, unknown> }>;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** The incident as it will be once a waiting role command is applied, and the timeline events it adds. */
export function applyRoleCommand<T extends Incident>(incident: T, command: OutboxCommand, actor: Actor): RoleCommandEffect<T> {
  const detail = incident as Partial<IncidentDetail>;
  const body = isRecord(command.body) ? command.body : {};
  if (command.kind === 'roles' && detail.roles) {
    const view = detail.roles;
    const known = new Map<string, string>(Object.entries(command.names ?? {}));
    for (const person of [view.commander, view.communications, view.scribe, ...view.experts]) if (person) known.set(person.id, person.name);
    if (actor.id) known.set(actor.id, actor.name);
    const ref = (id: string | null): PersonRef | null => (id === null ? null : { id, name: known.get(id) ?? 'someone' });
    const before = idsOf(view);
    const after = applyRolesChange(before, body as RolesChange);
    const events = roleChanges(before, after).map((change) => ({
      type: 'role_changed' as const,
      data:
        change.role === 'experts'
          ? { role: 'experts', added: change.added.map(ref), removed: change.removed.map(ref) }
          : { role: change.role, from: ref(change.from), to: ref(change.to) },
    }));
    if (events.length === 0) return { incident, events };
    const roles: IncidentRolesView = {
      commander: ref(after.commander),
      communications: ref(after.communications),
      scribe: ref(after.scribe),
      experts: after.experts.map((id) => ref(id)!),
    };
    return { incident: { ...incident, roles, updatedAt: command.createdAt }, events };
  }
  if (command.kind === 'checklist' && detail.checklist) {
    const role = body.role as IncidentRole;
    const item = incidentRoles.includes(role) ? checklistItem(role, String(body.item)) : undefined;
    if (!item) return { incident, events: [] };
    const key = checklistKey(role, item.key);
    const done = body.done === true;
    if (detail.checklist.includes(key) === done) return { incident, events: [] };
    const checklist = done ? [...detail.checklist, key] : detail.checklist.filter((ticked) => ticked !== key);
    return { incident: { ...incident, checklist, updatedAt: command.createdAt }, events: [{ type: 'checklist_ticked', data: { role, item: item.key, label: item.label, done } }] };
  }
  return { incident, events: [] };
}
