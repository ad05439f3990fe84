import type { TimelineEventType } from '../../shared/api/incidents';
import type { Tx } from '../db/client';
import { appendEvent, type NewTimelineEvent } from '../db/stores/incidents';
import { systemActor } from '../services/incidents/actor';

/** A timeline event written by the engine itself (actor: Muster), for a batch written together. */
export function systemEvent(incidentId: string, type: TimelineEventType, data: Record<string, unknown>, at: Date): NewTimelineEvent {
  return { incidentId, type, at, actor: systemActor, data };
}

/** Appends one timeline event written by the engine itself. */
export async function recordSystemEvent(tx: Tx, incidentId: string, type: TimelineEventType, data: Record<string, unknown>, at: Date): Promise<void> {
  await appendEvent(tx, incidentId, systemEvent(incidentId, type, data, at));
}
