import type { Actor, Incident, IncidentDetail, TimelineEvent } from '../../shared/api/incidents';
import { statusUpdateAudiences, type StatusUpdateAudience } from '../../shared/domain/incident-roles';
import { effectiveCadenceMinutes, nextUpdateDueAt } from '../../shared/domain/update-cadence';
import type { OutboxCommand } from './db';
import type { EnqueueInput } from './outbox';

/** Status updates, following and the update cadence, as offline commands (see optimistic.ts). */
export type StatusUpdateCommandInput =
  | { kind: 'status-update'; text: string; audience: StatusUpdateAudience }
  | { kind: 'follow'; viaContactMethods?: boolean }
  | { kind: 'unfollow' }
  | { kind: 'cadence'; minutes: number | null };

export const statusUpdateCommandKinds = ['status-update', 'follow', 'unfollow', 'cadence'] as const;

export function isStatusUpdateCommand(input: { kind: string }): input is StatusUpdateCommandInput {
  return (statusUpdateCommandKinds as readonly string[]).includes(input.kind);
}

export function statusUpdateCommand(incidentId: string, input: StatusUpdateCommandInput): EnqueueInput {
  const path = `/api/v1/incidents/${encodeURIComponent(incidentId)}`;
  switch (input.kind) {
    case 'status-update':
      return { method: 'POST', path: `${path}/status-updates`, kind: input.kind, incidentId, body: { text: input.text.trim(), audience: input.audience } };
    case 'follow':
      return { method: 'POST', path: `${path}/follow`, kind: input.kind, incidentId, body: { viaContactMethods: input.viaContactMethods ?? false } };
    case 'unfollow':
      return { method: 'DELETE', path: `${path}/follow`, kind: input.kind, incidentId };
    case 'cadence':
      return { method: 'PATCH', path, kind: input.kind, incidentId, body: { updateCadenceMinutes: input.minutes } };
  }
}

const field = (body: unknown, name: string): unknown => (body as Record<string, unknown> | undefined)?.[name];
const isDetail = (incident: Incident): incident is IncidentDetail => 'timeline' in incident && 'followers' in incident;

/** Recomputes when the next update is due with the shared rule the server uses. */
function withDue<T extends IncidentDetail>(incident: T, changes: { lastStatusUpdateAt?: string; ownCadence?: number | null }): T {
  const lastStatusUpdateAt = changes.lastStatusUpdateAt ?? incident.lastStatusUpdateAt;
  const cadence = changes.ownCadence === undefined ? incident.updateCadenceMinutes : effectiveCadenceMinutes(incident.severity, changes.ownCadence);
  const due = nextUpdateDueAt({
    status: incident.status,
    severity: incident.severity,
    updateCadenceMinutes: cadence,
    detectedAt: new Date(incident.detectedAt),
    lastStatusUpdateAt: lastStatusUpdateAt ? new Date(lastStatusUpdateAt) : null,
  });
  return { ...incident, lastStatusUpdateAt, updateCadenceMinutes: cadence, nextUpdateDueAt: due?.toISOString() ?? null };
}

/** The incident as it will be once this command is applied; list items (no detail) are left as they are. */
export function applyStatusUpdateCommand<T extends Incident>(incident: T, command: OutboxCommand, actor: Actor): T {
  if (!isDetail(incident)) return incident;
  const at = command.createdAt;
  switch (command.kind) {
    case 'status-update': {
      const text = field(command.body, 'text');
      const audience = field(command.body, 'audience');
      if (typeof text !== 'string' || !statusUpdateAudiences.includes(audience as StatusUpdateAudience)) return incident;
      const event: TimelineEvent = { id: command.id, type: 'status_update', at, actor, data: { text, audience } };
      return withDue({ ...incident, updatedAt: at, timeline: [...incident.timeline, event] }, { lastStatusUpdateAt: at }) as T;
    }
    case 'follow': {
      if (!actor.id || incident.followers.some((f) => f.id === actor.id && !f.viaService)) return { ...incident, following: true };
      const followers = [...incident.followers.filter((f) => f.id !== actor.id), { id: actor.id, name: actor.name, viaService: false }];
      return { ...incident, following: true, followers: followers.sort((a, b) => a.name.localeCompare(b.name)) };
    }
    case 'unfollow': {
      const followers = incident.followers.filter((f) => f.id !== actor.id || f.viaService);
      return { ...incident, followers, following: followers.some((f) => f.id === actor.id) };
    }
    case 'cadence': {
      const minutes = field(command.body, 'updateCadenceMinutes');
      if (minutes !== null && typeof minutes !== 'number') return incident;
      return withDue(incident, { ownCadence: minutes }) as T;
    }
  }
  return incident;
}
