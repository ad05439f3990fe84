import type { Actor, Incident, IncidentDetail, TimelineEvent, TimelineEventType } from '../../shared/api/incidents';
import { transition, type IncidentCommand } from '../../shared/domain/lifecycle';
import { phaseAfterStatus } from '../../shared/domain/phases';
import { severities, type Severity } from '../../shared/domain/severity';
import { actionItemCommand, type ActionItemCommandInput } from './action-item-command';
import type { OutboxCommand } from './db';
import type { EnqueueInput } from './outbox';
import { runbookStepChange, runbookStepCommand, runbookStepKind, type RunbookStepInput } from './runbook-step';
import { applyRoleCommand, isRoleCommand, roleCommand, type RoleCommandInput } from './role-commands';
import { applyPagingCommand, isPagingKind, pagingCommand, type PagingCommandInput } from './paging-commands';
import { applyStatusUpdateCommand, isStatusUpdateCommand, statusUpdateCommand, type StatusUpdateCommandInput } from './status-update-commands';
import { severityChangeRefusal } from '../../shared/domain/incident-corrections';
import { applyPhaseCommand, phaseCommand, type PhaseCommandInput } from './phase-commands';

/**
 * Incident commands and how a waiting one changes what the phone shows. Lifecycle changes go
 * through the shared transition table, the same one the server applies.
 */

export type IncidentCommandInput =
  /** Escalating changes nothing shown until the server answers: it pages people, not the incident. */
  | { kind: 'acknowledge' | 'resolve' | 'escalate' }
  | { kind: 'note'; text: string }
  | { kind: 'severity'; severity: Severity }
  /** Changes no incident field: ActionItemsView and ReviewView project it on the items themselves. */
  | ActionItemCommandInput
  | RunbookStepInput
  | RoleCommandInput
  | PagingCommandInput
  | StatusUpdateCommandInput
  | PhaseCommandInput;

export function incidentCommand(incidentId: string, input: IncidentCommandInput): EnqueueInput {
  const path = `/api/v1/incidents/${encodeURIComponent(incidentId)}`;
  switch (input.kind) {
    case 'acknowledge':
    case 'resolve':
    case 'escalate':
      return { method: 'POST', path: `${path}/${input.kind}`, kind: input.kind, incidentId };
    case 'note':
      return { method: 'POST', path: `${path}/notes`, kind: 'note', incidentId, body: { text: input.text } };
    case 'severity':
      return { method: 'PATCH', path, kind: 'severity', incidentId, body: { severity: input.severity } };
    case 'action-item':
      return actionItemCommand(incidentId, input);
    case runbookStepKind:
      return runbookStepCommand(path, incidentId, input);
    case 'roles':
    case 'checklist':
    case 'responders':
      return roleCommand(incidentId, input);
    case 'reassign':
    case 'snooze':
    case 'reopen':
      return pagingCommand(path, incidentId, input);
    case 'status-update':
    case 'follow':
    case 'unfollow':
    case 'cadence':
      return statusUpdateCommand(incidentId, input);
    default:
      return phaseCommand(incidentId, input);
  }
}

const lifecycleEvents: Partial<Record<IncidentCommand, TimelineEventType>> = {
  acknowledge: 'acknowledged',
  resolve: 'resolved',
};

const isLifecycle = (kind: string): kind is 'acknowledge' | 'resolve' => kind === 'acknowledge' || kind === 'resolve';
const isSeverity = (value: unknown): value is Severity => severities.includes(value as Severity);
const field = (body: unknown, name: string): unknown => (body as Record<string, unknown> | undefined)?.[name];

function withEvent<T extends Incident>(incident: T, command: OutboxCommand, actor: Actor, type: TimelineEventType, data: Record<string, unknown>): T {
  if (!('timeline' in incident)) return incident;
  const event: TimelineEvent = { id: command.id, type, at: command.createdAt, actor, data };
  const detail = incident as unknown as IncidentDetail;
  return { ...incident, timeline: [...detail.timeline, event] };
}

/**
 * The incident as it will be once `command` is applied, or null when the lifecycle refuses it
 * (e.g. an acknowledge waiting while the server copy is already resolved).
 */
export function applyCommand<T extends Incident>(incident: T, command: OutboxCommand, actor: Actor): T | null {
  const at = command.createdAt;
  if (isLifecycle(command.kind)) {
    const result = transition(incident.status, command.kind);
    if (!result.ok) return null;
    const phase = phaseAfterStatus(incident.phase, result.to);
    const changed: T = {
      ...incident,
      status: result.to,
      phase,
      updatedAt: at,
      ...(command.kind === 'acknowledge' && { acknowledgedAt: at, acknowledgedBy: { id: actor.id, name: actor.name } }),
      ...(command.kind === 'resolve' && { resolvedAt: at }),
    };
    const data = { from: result.from, ...(phase !== incident.phase && { phase: { from: incident.phase, to: phase } }) };
    return withEvent(changed, command, actor, lifecycleEvents[command.kind]!, data);
  }
  if (command.kind === 'note') {
    return withEvent({ ...incident, updatedAt: at }, command, actor, 'note', { text: field(command.body, 'text') });
  }
  if (command.kind === 'severity') {
    const severity = field(command.body, 'severity');
    if (!isSeverity(severity) || severity === incident.severity) return incident;
    if (severityChangeRefusal(incident)) return null;
    const changed: T = { ...incident, severity, updatedAt: at };
    return withEvent(changed, command, actor, 'severity_changed', { from: incident.severity, to: severity });
  }
  if (command.kind === runbookStepKind) {
    const change = runbookStepChange(incident, command.body, actor, at);
    if (change.kind === 'refused') return null;
    if (change.kind === 'unchanged') return incident;
    return withEvent({ ...incident, runbook: change.runbook, updatedAt: at }, command, actor, 'runbook_step', change.data);
  }
  if (isRoleCommand(command.kind)) {
    const { incident: changed, events } = applyRoleCommand(incident, command, actor);
    // One command may record several changes (commander and scribe at once): each event its own id.
    return events.reduce((shown, event, i) => withEvent(shown, i ? { ...command, id: `${command.id}:${i}` } : command, actor, event.type, event.data), changed);
  }
  if (isPagingKind(command.kind)) return applyPagingCommand(incident, command as OutboxCommand & { kind: typeof command.kind }, actor, withEvent);
  if (isStatusUpdateCommand(command)) return applyStatusUpdateCommand(incident, command, actor);
  const phased = applyPhaseCommand(incident, command, actor);
  if (phased !== undefined) return phased;
  return incident;
}

/** The server's copy with every command still waiting for it applied in order; refused ones are skipped. */
export function project<T extends Incident>(incident: T, pending: OutboxCommand[], actor: Actor): T {
  let shown = incident;
  for (const command of pending) {
    if (command.incidentId === incident.id) shown = applyCommand(shown, command, actor) ?? shown;
  }
  return shown;
}
