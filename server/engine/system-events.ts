import type { TimelineEventType } from '../../shared/api/incidents';
import type { Tx } from '../db/client';
import { appendEvent } from '../db/stores/incidents';
import { systemActor } from '../services/incidents/actor';

/** Appends a timeline event written by the engine itself (actor: Muster). */
export async function recordSystemEvent(tx: Tx, incidentId: string, type: TimelineEventType, data: Record<string, unknown>, at: Date): Promise<void> {
  await appendEvent(tx, incidentId, { type, at, actor: systemActor, data });
}
