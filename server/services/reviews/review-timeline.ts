import type { TimelineEvent, TimelineEventType } from '../../../shared/api/incidents';
import { roleLabels, type IncidentRole } from '../../../shared/domain/incident-roles';
import { phaseLabels, type IncidentPhase } from '../../../shared/domain/phases';

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const nameOf = (person: unknown): string => text((person as { name?: unknown } | null)?.name);
const names = (people: unknown): string => (Array.isArray(people) ? people.map(nameOf).filter(Boolean).join(', ') : '');
const roleName = (role: unknown): string => roleLabels[role as IncidentRole] ?? 'a role';
const phaseName = (phase: unknown): string => phaseLabels[phase as IncidentPhase] ?? 'the next phase';

function roleChange(e: TimelineEvent): string {
  const role = roleName(e.data.role);
  if (e.data.role === 'experts') {
    const added = names(e.data.added);
    const removed = names(e.data.removed);
    return [added && `${e.actor.name} added ${added} as ${role}`, removed && `${e.actor.name} removed ${removed} as ${role}`].filter(Boolean).join('; ');
  }
  const from = nameOf(e.data.from);
  const to = nameOf(e.data.to);
  if (!to) return `${e.actor.name} removed ${from} as ${role}`;
  return from ? `${from} handed ${role} to ${to}` : `${to} became ${role}`;
}

/**
 * The events a review's timeline is built from, in plain words without the actor's pager noise (pages,
 * deliveries and escalation steps stay on the incident's own timeline).
 */
const wording: Partial<Record<TimelineEventType, (event: TimelineEvent) => string>> = {
  triggered: (e) => `Incident opened by ${e.actor.name}${text(e.data.severity) ? ` as ${text(e.data.severity)}` : ''}`,
  acknowledged: (e) => `${e.actor.name} acknowledged`,
  severity_changed: (e) => `${e.actor.name} changed severity ${text(e.data.from)} → ${text(e.data.to)}`,
  phase_changed: (e) => `${e.actor.name} moved the incident to ${phaseName(e.data.to)}`,
  role_changed: roleChange,
  status_update: (e) => `Status update${text(e.data.audience) ? ` (${text(e.data.audience)})` : ''}: ${text(e.data.text)}`,
  note: (e) => `${e.actor.name} noted: ${text(e.data.text)}`,
  mitigated: (e) => `${e.actor.name} marked the impact mitigated`,
  resolved: (e) => `${e.actor.name} resolved the incident`,
  reopened: (e) => `${e.actor.name} reopened the incident`,
  escalated: (e) => `${e.actor.name} escalated`,
  responders_added: (e) => `${e.actor.name} paged ${names(e.data.users) || 'more responders'} into the incident`,
};

/** One line per review-worthy event, oldest first; long notes are cut to one readable line. */
export function generateReviewTimeline(timeline: TimelineEvent[]): Array<{ at: string; text: string; eventId: string }> {
  const lines: Array<{ at: string; text: string; eventId: string }> = [];
  for (const event of timeline) {
    const word = wording[event.type];
    if (!word) continue;
    const line = word(event).replace(/\s+/g, ' ').trim();
    lines.push({ at: event.at, text: line.length > 280 ? `${line.slice(0, 279)}…` : line, eventId: event.id });
  }
  return lines;
}
