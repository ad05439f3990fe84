import type { Actor, Incident, IncidentDetail, TimelineEvent, TimelineEventType } from '../../shared/api/incidents';
import { checkTimeCorrections, markMitigated, realTimeChanges, type TimeCorrections } from '../../shared/domain/incident-corrections';
import { incidentPhases, movePhase, type IncidentPhase } from '../../shared/domain/phases';
import type { OutboxCommand } from './db';
import type { EnqueueInput } from './outbox';

/**
 * Commands that move an incident through its phases, mark it mitigated, rename it or correct its times, and
 * how a waiting one changes what the phone shows: through the same shared rules the server applies.
 */

export type PhaseCommandInput =
  | { kind: 'phase'; phase: IncidentPhase }
  | { kind: 'mitigate' }
  | { kind: 'title'; title: string }
  | { kind: 'times'; times: TimeCorrections };

const kinds: ReadonlySet<string> = new Set(['phase', 'mitigate', 'title', 'times']);
export const isPhaseCommand = (input: { kind: string }): input is PhaseCommandInput => kinds.has(input.kind);

export function phaseCommand(incidentId: string, input: PhaseCommandInput): EnqueueInput {
  const path = `/api/v1/incidents/${encodeURIComponent(incidentId)}`;
  switch (input.kind) {
    case 'phase':
      return { method: 'POST', path: `${path}/phase`, kind: 'phase', incidentId, body: { phase: input.phase } };
    case 'mitigate':
      return { method: 'POST', path: `${path}/mitigate`, kind: 'mitigate', incidentId };
    case 'title':
      return { method: 'PATCH', path, kind: 'title', incidentId, body: { title: input.title } };
    case 'times':
      return { method: 'PATCH', path, kind: 'times', incidentId, body: input.times };
  }
}

/** Why the incident as shown cannot take this command (checked before it is queued), or null. */
export function phaseCommandRefusal(incident: Incident, input: PhaseCommandInput, now = new Date()): string | null {
  if (input.kind === 'phase') {
    const move = movePhase(incident, input.phase);
    return move.ok ? null : `cannot move incident #${incident.number} to ${input.phase}: ${move.reason}`;
  }
  if (input.kind === 'mitigate') {
    const marked = markMitigated(incident);
    return marked.ok ? null : `cannot mark incident #${incident.number} mitigated: ${marked.reason}`;
  }
  if (input.kind === 'times') {
    const check = checkTimeCorrections(incident, input.times, now);
    return check.ok ? null : check.reason;
  }
  return input.title.trim() ? null : 'the title must not be empty';
}

const body = (command: OutboxCommand) => (command.body ?? {}) as Record<string, unknown>;

function withEvents<T extends Incident>(incident: T, command: OutboxCommand, actor: Actor, events: Array<[TimelineEventType, Record<string, unknown>]>): T {
  if (!('timeline' in incident)) return incident;
  const added: TimelineEvent[] = events.map(([type, data], index) => ({ id: index === 0 ? command.id : `${command.id}-${index}`, type, at: command.createdAt, actor, data }));
  return { ...incident, timeline: [...(incident as unknown as IncidentDetail).timeline, ...added] };
}

/**
 * The incident once `command` is applied; null when the shared rules refuse it; undefined when the command is
 * not one of these kinds (the caller goes on to its own).
 */
export function applyPhaseCommand<T extends Incident>(incident: T, command: OutboxCommand, actor: Actor): T | null | undefined {
  const at = command.createdAt;
  switch (command.kind) {
    case 'phase': {
      const to = body(command).phase as IncidentPhase;
      if (!incidentPhases.includes(to)) return null;
      const move = movePhase(incident, to);
      if (!move.ok) return null;
      const marksMitigated = to === 'resolution' && incident.mitigatedAt === null;
      const changed: T = { ...incident, phase: to, updatedAt: at, ...(marksMitigated && { mitigatedAt: at }), ...(to === 'closed' && { closedAt: at }) };
      return withEvents(changed, command, actor, [['phase_changed', { from: move.from, to }], ...(marksMitigated ? [['mitigated', { at }] as [TimelineEventType, Record<string, unknown>]] : [])]);
    }
    case 'mitigate': {
      const marked = markMitigated(incident);
      if (!marked.ok) return null;
      const moved = marked.phase !== incident.phase ? { phase: { from: incident.phase, to: marked.phase } } : {};
      return withEvents({ ...incident, mitigatedAt: at, phase: marked.phase, updatedAt: at }, command, actor, [['mitigated', { at, ...moved }]]);
    }
    case 'title': {
      const title = String(body(command).title ?? '').trim();
      if (!title || title === incident.title) return incident;
      return withEvents({ ...incident, title, updatedAt: at }, command, actor, [['title_changed', { from: incident.title, to: title }]]);
    }
    case 'times': {
      const times = body(command) as TimeCorrections;
      if (!checkTimeCorrections(incident, times, new Date(at)).ok) return null;
      const changes = realTimeChanges(incident, times);
      if (changes.length === 0) return incident;
      const first = incident.mitigatedAt === null && changes.some((change) => change.field === 'mitigatedAt') ? markMitigated(incident) : null;
      const phase = first?.ok ? first.phase : incident.phase;
      const changed: T = { ...incident, ...Object.fromEntries(changes.map((change) => [change.field, change.to])), phase, updatedAt: at };
      const events: Array<[TimelineEventType, Record<string, unknown>]> = changes.map((change) => ['timestamp_corrected', change]);
      if (first?.ok) events.push(['mitigated', { at: times.mitigatedAt && new Date(times.mitigatedAt).toISOString(), ...(phase !== incident.phase && { phase: { from: incident.phase, to: phase } }) }]);
      return withEvents(changed, command, actor, events);
    }
    default:
      return undefined;
  }
}
