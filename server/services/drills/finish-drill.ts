import { isLiveDrill } from '../../../shared/domain/drills';
import type { Tx } from '../../db/client';
import { drillOfIncident, updateDrillRow } from '../../db/stores/drills';

/** Resolving a live drill's incident finishes the drill; injects still pending are dropped. Call inside the resolve's transaction. */
export async function finishDrillOfIncident(tx: Tx, incidentId: string, now: Date): Promise<void> {
  const drill = await drillOfIncident(tx, incidentId);
  if (drill && isLiveDrill(drill.status)) await updateDrillRow(tx, drill.id, { status: 'finished', endedAt: now, dueAt: null, pausedAt: null });
}
