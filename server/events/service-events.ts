import type { Actor, TimelineEventType } from '../../shared/api/incidents';
import type { ServiceEventBody, ServiceEventType } from '../../shared/api/service-webhooks';

/** A timeline event once written, with the sequence number it took in its incident's timeline. */
export interface AppendedEvent {
  incidentId: string;
  seq: number;
  type: TimelineEventType;
  at: Date;
  actor: Actor;
  data: Record<string, unknown>;
}

const eventForType: Partial<Record<TimelineEventType, ServiceEventType>> = {
  triggered: 'incident.triggered',
  acknowledged: 'incident.acknowledged',
  resolved: 'incident.resolved',
  note: 'incident.note_added',
  severity_changed: 'incident.severity_changed',
};

/**
 * What a service's webhooks are told about a timeline event; null for what they are not told about. Escalating
 * is the escalation reaching another step (`step_reached`), whether its delay ran out, nobody on the step could
 * be reached, or a person pressed Escalate (whose own `escalated` event is followed by that `step_reached`, so
 * mapping both would send one escalation twice). Step 1 of the first round is where every incident starts: not
 * an escalation.
 */
export function serviceEventOf(event: Pick<AppendedEvent, 'type' | 'data'>): ServiceEventType | null {
  if (event.type === 'step_reached') return event.data.step === 1 && event.data.loop === 0 ? null : 'incident.escalated';
  return eventForType[event.type] ?? null;
}

/**
 * The body of one event to one webhook, as the outbox keeps it. `incident.url` is the incident's path in the app:
 * the timeline's writers (verbs and engine alike) have no PUBLIC_URL; `bodyToSend` puts it in front as it leaves.
 */
export function serviceEventBody(
  messageId: string,
  type: ServiceEventType,
  event: AppendedEvent,
  incident: Omit<ServiceEventBody['incident'], 'url'>,
): ServiceEventBody {
  return {
    id: messageId,
    event: type,
    sequence: event.seq,
    occurredAt: event.at.toISOString(),
    incident: { ...incident, url: `/incidents/${incident.id}` },
    data: { ...event.data, by: event.actor.name },
  };
}

/** The stored body as it is sent: the incident's link made absolute on PUBLIC_URL when set. */
export function bodyToSend(stored: string, publicUrl: string | undefined): string {
  if (!publicUrl) return stored;
  const body = JSON.parse(stored) as ServiceEventBody;
  return JSON.stringify({ ...body, incident: { ...body.incident, url: `${publicUrl}${body.incident.url}` } });
}
