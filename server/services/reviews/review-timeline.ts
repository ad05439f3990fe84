import type { TimelineEvent, TimelineEventType } from '../../../shared/api/incidents';

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * The events a review's timeline is built from, in plain words without the actor's pager noise (pages,
 * deliveries and escalation steps stay on the incident's own timeline).
 */
const wording: Partial<Record<TimelineEventType, (event: TimelineEvent) => string>> = {
  triggered: (e) => `Incident opened by ${e.actor.name}${text(e.data.severity) ? ` as ${text(e.data.severity)}` : ''}`,
  acknowledged: (e) => `${e.actor.name} acknowledged`,
  severity_changed: (e) => `${e.actor.name} changed severity ${text(e.data.from)} → ${text(e.data.to)}`,
  phase_changed: (e) => `${e.actor.name} moved the incident to ${text(e.data.to) || 'the next phase'}`,
  role_changed: (e) => {
    const role = text(e.data.role) || 'a role';
    const to = text(e.data.toName) || text(e.data.to) || text(e.data.userName) || text(e.data.name);
    return to ? `${e.actor.name} made ${to} ${role}` : `${e.actor.name} changed ${role}`;
  },
  status_update: (e) => `Status update${text(e.data.audience) ? ` (${text(e.data.audience)})` : ''}: ${text(e.data.text)}`,
  note: (e) => `${e.actor.name} noted: ${text(e.data.text)}`,
  mitigated: (e) => `${e.actor.name} marked the impact mitigated`,
  resolved: (e) => `${e.actor.name} resolved the incident`,
  reopened: (e) => `${e.actor.name} reopened the incident`,
  escalated: (e) => `${e.actor.name} escalated`,
  responders_added: (e) => `${e.actor.name} added responders`,
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
