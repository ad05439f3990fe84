import type { TimelineEvent } from '../../../shared/api/incidents';
import { roleLabels, type IncidentRole } from '../../../shared/domain/incident-roles';
import type { EventWording } from './timeline-wording';

interface Named {
  id?: string;
  name: string;
}

const named = (value: unknown): Named | null =>
  value && typeof value === 'object' && typeof (value as Named).name === 'string' ? (value as Named) : null;
const namesOf = (value: unknown): string[] => (Array.isArray(value) ? value.map(named).flatMap((person) => (person ? [person.name] : [])) : []);
const roleLabel = (role: unknown) => roleLabels[role as IncidentRole] ?? String(role);

/** "Ada handed command to Bob", "Bob took command", "Ada made Cy Scribe", "Ada added Dan as Subject Matter Expert". */
function roleChanged(event: TimelineEvent): EventWording {
  const who = event.actor.name;
  const { data } = event;
  if (data.role === 'experts') {
    const added = namesOf(data.added);
    const removed = namesOf(data.removed);
    const parts = [
      added.length && `added ${added.join(', ')} as ${roleLabels.experts}`,
      removed.length && `removed ${removed.join(', ')} as ${roleLabels.experts}`,
    ].filter(Boolean);
    return { headline: `${who} ${parts.join(' and ') || `changed the ${roleLabels.experts}s`}` };
  }
  const from = named(data.from);
  const to = named(data.to);
  const self = to !== null && to.id !== undefined && to.id === event.actor.id;
  if (data.role === 'commander') {
    if (!to) return { headline: `${who} left the incident without a commander${from ? ` (was ${from.name})` : ''}` };
    if (self) return { headline: from ? `${who} took command from ${from.name}` : `${who} took command` };
    return { headline: `${who} handed command to ${to.name}` };
  }
  const label = roleLabel(data.role);
  if (!to) return { headline: `${who} removed ${from?.name ?? 'the holder'} as ${label}` };
  if (self) return { headline: `${who} became ${label}` };
  return { headline: `${who} made ${to.name} ${label}` };
}

export function describeRoleEvent(event: TimelineEvent): EventWording {
  const who = event.actor.name;
  const { data } = event;
  switch (event.type) {
    case 'role_changed':
      return roleChanged(event);
    case 'checklist_ticked':
      return { headline: `${who} ${data.done ? 'ticked' : 'unticked'} “${String(data.label ?? data.item)}”`, body: `${roleLabel(data.role)} checklist` };
    case 'responders_added': {
      const users = namesOf(data.users);
      const via = named(data.via);
      const fromSchedule = via && (data.via as { type?: string }).type === 'schedule' ? ` (on call for ${via.name})` : '';
      return { headline: `${who} paged ${users.join(', ') || 'nobody'}${fromSchedule} into the incident` };
    }
    default:
      return { headline: `${who}: ${String(event.type).replaceAll('_', ' ')}` };
  }
}
