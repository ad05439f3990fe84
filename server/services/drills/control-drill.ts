import type { Drill } from '../../../shared/api/drills';
import type { Actor } from '../../../shared/api/incidents';
import { drillControlProblem, type DrillControl } from '../../../shared/domain/drills';
import { isOpen } from '../../../shared/domain/lifecycle';
import type { Tx } from '../../db/client';
import { findDrill, findDrillRow, updateDrillRow } from '../../db/stores/drills';
import { stopPaging } from '../../db/stores/engine';
import { appendEvent, findIncident } from '../../db/stores/incidents';
import { conflict, notFound } from '../../errors';
import { afterIncidentCommit, type Runtime } from '../../runtime';
import { applyStatusCommand } from '../incidents/change-status';
import { nextInjectDueAt, playDueInjects } from './run-drill';

/**
 * The facilitator steers a drill. Pause holds the script (injects wait; paging goes on, as it would for a real
 * incident); resume plays it on from where it stood; advance delivers the next inject now and brings the rest
 * forward with it; abort stops all paging and every pending inject at once and resolves the drill's incident.
 * Each is recorded on the incident's timeline as `drill_control`.
 */
export async function controlDrill(rt: Runtime, drillId: string, control: DrillControl, actor: Actor): Promise<Drill> {
  const now = rt.clock.now();
  const { drill, incidentId } = await rt.db.transaction(async (tx) => {
    const seen = await findDrillRow(tx, drillId);
    if (!seen) throw notFound(`drill ${drillId}`);
    // Incident first, then drill, as a resolve locks them: the other order deadlocks with a responder's resolve.
    if (seen.incidentId) await findIncident(tx, seen.incidentId, { lock: true });
    const row = (await findDrillRow(tx, drillId, { lock: true }))!;
    const problem = drillControlProblem(row.status, control, row.injects.length - row.injectsDone);
    if (problem) throw conflict(`cannot ${control} drill "${row.name}": ${problem}`);
    const incidentId = row.incidentId;
    const record = async (data: Record<string, unknown> = {}) => {
      if (incidentId) await appendEvent(tx, incidentId, { type: 'drill_control', at: now, actor, data: { drillId, control, ...data } });
    };
    switch (control) {
      case 'pause':
        await updateDrillRow(tx, drillId, { status: 'paused', pausedAt: now, dueAt: null });
        await record();
        break;
      case 'resume': {
        const shiftMs = row.shiftMs + (now.getTime() - row.pausedAt!.getTime());
        await updateDrillRow(tx, drillId, { status: 'running', pausedAt: null, shiftMs });
        await record({ pausedSeconds: Math.round((now.getTime() - row.pausedAt!.getTime()) / 1000) });
        // Injects due by now in the script's time (none, unless an advance brought one forward) play at once.
        await playDueInjects(tx, { ...row, status: 'running', pausedAt: null, shiftMs }, now);
        break;
      }
      case 'advance':
        await record({ index: row.injectsDone, wasDueAt: nextInjectDueAt(row)?.toISOString() ?? null });
        await playDueInjects(tx, row, now, actor);
        break;
      case 'abort':
        await updateDrillRow(tx, drillId, { status: 'aborted', endedAt: now, dueAt: null, remindAt: null, pausedAt: null });
        if (incidentId) await endDrillIncident(tx, incidentId, actor, now, record);
        break;
    }
    return { drill: (await findDrill(tx, drillId))!, incidentId };
  });
  if (incidentId) afterIncidentCommit(rt, incidentId, `drill_${control}`);
  else rt.wakeEngine();
  return drill;
}

/** Abort: paging stops whatever the status, and an open drill incident is resolved by whoever aborted. */
async function endDrillIncident(tx: Tx, incidentId: string, actor: Actor, now: Date, record: (data?: Record<string, unknown>) => Promise<void>) {
  const incident = (await findIncident(tx, incidentId, { lock: true }))!;
  await record();
  await stopPaging(tx, incidentId);
  if (isOpen(incident.status)) await applyStatusCommand(tx, incident, 'resolve', actor, now);
}
