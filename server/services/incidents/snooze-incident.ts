import type { Actor, IncidentDetail } from '../../../shared/api/incidents';
import { snoozeEnd, whyNotSnoozable } from '../../../shared/domain/snooze';
import { appendEvent, findIncident, updateIncidentRow } from '../../db/stores/incidents';
import { conflict, notFound } from '../../errors';
import { afterIncidentCommit, type Runtime } from '../../runtime';
import { incidentDetail } from './incident-detail';

/**
 * Snoozes an acknowledged incident: when the time runs out the engine triggers it again and pages from step 1
 * (engine/snoozes.ts). Snoozing again replaces the end time.
 */
export async function snoozeIncident(rt: Runtime, incidentId: string, minutes: number, actor: Actor): Promise<IncidentDetail> {
  const now = rt.clock.now();
  const detail = await rt.db.transaction(async (tx) => {
    const incident = await findIncident(tx, incidentId, { lock: true });
    if (!incident) throw notFound(`incident ${incidentId}`);
    const whyNot = whyNotSnoozable(incident.status);
    if (whyNot) throw conflict(`cannot snooze incident #${incident.number}: ${whyNot}`);
    const until = snoozeEnd(now, minutes);
    await updateIncidentRow(tx, incidentId, { snoozedUntil: until, updatedAt: now });
    await appendEvent(tx, incidentId, { type: 'snoozed', at: now, actor, data: { minutes, until: until.toISOString() } });
    return incidentDetail(tx, incidentId);
  });
  // Wakes the engine, which re-arms its timer for the new end.
  afterIncidentCommit(rt, incidentId, 'snoozed');
  return detail;
}
