import type { ReassignTarget } from '../../shared/api/incident-paging';
import type { Actor, Incident, TimelineEventType } from '../../shared/api/incidents';
import { transition } from '../../shared/domain/lifecycle';
import { phaseAfterStatus } from '../../shared/domain/phases';
import { snoozeEnd, whyNotSnoozable } from '../../shared/domain/snooze';
import type { OutboxCommand } from './db';
import type { EnqueueInput } from './outbox';

/**
 * Reassign, snooze and reopen as outbox commands, and how a waiting one changes what the phone shows: the same
 * lifecycle rules the server applies (reopen and a reassign of an acknowledged incident are `retrigger`).
 */
export type PagingCommandInput =
  /** Only the id is sent (and kept in the outbox): a waiting reassign's timeline entry names no one yet. */
  | { kind: 'reassign'; to: ReassignTarget }
  | { kind: 'snooze'; minutes: number }
  | { kind: 'reopen' };

export type PagingCommandKind = PagingCommandInput['kind'];

export const isPagingKind = (kind: string): kind is PagingCommandKind => kind === 'reassign' || kind === 'snooze' || kind === 'reopen';

export function pagingCommand(incidentPath: string, incidentId: string, input: PagingCommandInput): EnqueueInput {
  const path = `${incidentPath}/${input.kind}`;
  switch (input.kind) {
    case 'reassign':
      return { method: 'POST', path, kind: input.kind, incidentId, body: input.to.type === 'user' ? { userId: input.to.id } : { policyId: input.to.id } };
    case 'snooze':
      return { method: 'POST', path, kind: input.kind, incidentId, body: { minutes: input.minutes } };
    case 'reopen':
      return { method: 'POST', path, kind: input.kind, incidentId };
  }
}

/** Why the incident as shown cannot take the command (checked before it is queued), or null. */
export function pagingRefusal(incident: Pick<Incident, 'status'>, kind: PagingCommandKind): string | null {
  if (kind === 'reassign') return incident.status === 'resolved' ? 'it is resolved; reopen it first' : null;
  if (kind === 'snooze') return whyNotSnoozable(incident.status);
  return incident.status === 'resolved' ? null : `it is ${incident.status}, not resolved`;
}

type AddEvent = <T extends Incident>(incident: T, command: OutboxCommand, actor: Actor, type: TimelineEventType, data: Record<string, unknown>) => T;

const field = (body: unknown, name: string): unknown => (body as Record<string, unknown> | undefined)?.[name];

/** Sets `snoozedUntil` on a detail copy; summaries in lists do not carry it. */
const withSnooze = <T extends Incident>(incident: T, until: string | null): T => ('snoozedUntil' in incident ? { ...incident, snoozedUntil: until } : incident);

/** The incident once a waiting paging command is applied, or null when it would be refused. */
export function applyPagingCommand<T extends Incident>(incident: T, command: OutboxCommand & { kind: PagingCommandKind }, actor: Actor, addEvent: AddEvent): T | null {
  const at = command.createdAt;
  if (pagingRefusal(incident, command.kind)) return null;
  if (command.kind === 'snooze') {
    const minutes = Number(field(command.body, 'minutes'));
    const until = snoozeEnd(new Date(at), minutes).toISOString();
    return addEvent(withSnooze({ ...incident, updatedAt: at }, until), command, actor, 'snoozed', { minutes, until });
  }
  // Both put paging back on: the incident needs acknowledging anew, and a snooze is over.
  const result = transition(incident.status, 'retrigger');
  const retriggered: T = result.ok ? { ...incident, status: result.to, acknowledgedBy: null } : incident;
  if (command.kind === 'reassign') {
    const userId = field(command.body, 'userId');
    const to = typeof userId === 'string' ? { type: 'user', id: userId } : { type: 'policy', id: field(command.body, 'policyId') };
    return addEvent(withSnooze({ ...retriggered, updatedAt: at }, null), command, actor, 'reassigned', { to, from: incident.status });
  }
  if (!result.ok) return null;
  const phase = phaseAfterStatus(incident.phase, result.to);
  const reopened: T = { ...retriggered, phase, resolvedAt: null, closedAt: null, updatedAt: at };
  return addEvent(withSnooze(reopened, null), command, actor, 'reopened', { from: result.from, ...(phase !== incident.phase && { phase: { from: incident.phase, to: phase } }) });
}
