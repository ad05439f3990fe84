import type { Actor } from '../../../shared/api/incidents';
import { injectDueAt, type DrillInject } from '../../../shared/domain/drills';
import type { Tx } from '../../db/client';
import type { DrillRow } from '../../db/schema/index';
import { updateDrillRow } from '../../db/stores/drills';
import { findEscalation } from '../../db/stores/engine';
import { appendEvent, findIncident } from '../../db/stores/incidents';
import { findService } from '../../db/stores/services';
import { escalateNow } from '../../engine/escalation';
import { openIncident } from '../incidents/create-incident';

/** Who writes a drill's incident and injects on the timeline: the drill itself, by name. */
export const drillActor = (drill: Pick<DrillRow, 'name'>): Actor => ({ type: 'system', id: null, name: `Drill: ${drill.name}` });

/** The script's own clock: it stands still while the drill is paused. */
const scriptNow = (drill: DrillRow, now: Date) => (drill.status === 'paused' && drill.pausedAt ? drill.pausedAt : now);

/** When the next inject is due, or null when none is left (or the drill has not started). */
export function nextInjectDueAt(drill: Pick<DrillRow, 'startedAt' | 'shiftMs' | 'injects' | 'injectsDone'>): Date | null {
  const next = drill.injects[drill.injectsDone];
  return next && drill.startedAt ? injectDueAt(drill.startedAt, drill.shiftMs, next.afterSeconds) : null;
}

/**
 * Plays one inject on the drill's incident: every inject is a `drill_inject` event on the timeline; an escalate
 * inject also moves a still-unacknowledged incident to its next escalation step at once, the way a responder's
 * "escalate" would. Drill injects never touch the alert tables, so no real alert can join a drill.
 */
async function playInject(tx: Tx, drill: DrillRow, index: number, inject: DrillInject, now: Date, advancedBy: Actor | null): Promise<void> {
  const incidentId = drill.incidentId!;
  let escalated = false;
  if (inject.kind === 'escalate') {
    const incident = await findIncident(tx, incidentId, { lock: true });
    const escalation = await findEscalation(tx, incidentId);
    if (incident?.status === 'triggered' && escalation?.state === 'active') {
      await escalateNow(tx, escalation, now);
      escalated = true;
    }
  }
  await appendEvent(tx, incidentId, {
    type: 'drill_inject',
    at: now,
    actor: advancedBy ?? drillActor(drill),
    data: { drillId: drill.id, index, of: drill.injects.length, kind: inject.kind, text: inject.text, ...(inject.kind === 'escalate' && { escalated }) },
  });
}

/**
 * Delivers every inject due by `now` (in script time), or with `advance` the next one at once, moving the rest
 * of the script along with it; then stores how far the script got and when the engine must look again.
 */
export async function playDueInjects(tx: Tx, drill: DrillRow, now: Date, advancedBy: Actor | null = null): Promise<DrillRow> {
  let { injectsDone, shiftMs } = drill;
  const script = scriptNow(drill, now);
  if (advancedBy) {
    const due = nextInjectDueAt({ ...drill, injectsDone, shiftMs })!;
    shiftMs -= Math.max(0, due.getTime() - script.getTime());
    await playInject(tx, drill, injectsDone, drill.injects[injectsDone], now, advancedBy);
    injectsDone += 1;
  }
  if (drill.status === 'running') {
    for (;;) {
      const due = nextInjectDueAt({ ...drill, injectsDone, shiftMs });
      if (!due || due > script) break;
      await playInject(tx, drill, injectsDone, drill.injects[injectsDone], now, null);
      injectsDone += 1;
    }
  }
  const updated: DrillRow = { ...drill, injectsDone, shiftMs };
  const dueAt = drill.status === 'running' ? nextInjectDueAt(updated) : null;
  await updateDrillRow(tx, drill.id, { injectsDone, shiftMs, dueAt });
  return { ...updated, dueAt };
}

/**
 * Starts a drill: opens its incident through the one path every incident takes (so the service's escalation
 * policy pages for real, restricted to the participants when there are any), then plays the injects due at the
 * start. Returns the incident's id.
 */
export async function beginDrill(tx: Tx, drill: DrillRow, now: Date): Promise<string> {
  const service = await findService(tx, drill.serviceId);
  if (!service) throw new Error(`drill ${drill.id} has no service`);
  const running: DrillRow = { ...drill, status: 'running', startedAt: now, remindAt: null };
  await updateDrillRow(tx, drill.id, { status: 'running', startedAt: now, remindAt: null });
  const incidentId = await openIncident(
    tx,
    { service, title: drill.title, severity: drill.severity, description: drill.description || null, origin: 'integration', drillId: drill.id },
    drillActor(drill),
    now,
  );
  await updateDrillRow(tx, drill.id, { incidentId });
  await playDueInjects(tx, { ...running, incidentId }, now);
  return incidentId;
}
