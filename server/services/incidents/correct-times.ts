import type { Actor, Incident } from '../../../shared/api/incidents';
import { checkTimeCorrections, markMitigated, realTimeChanges, type TimeCorrections } from '../../../shared/domain/incident-corrections';
import type { Tx } from '../../db/client';
import { appendEvent, updateIncidentRow } from '../../db/stores/incidents';
import { badRequest } from '../../errors';

/**
 * Part of editing an incident: the commander corrects when the impact started, when it was detected or when
 * it was mitigated. Each real change is recorded with its old value; a first mitigatedAt also marks the
 * incident mitigated. Checks everything before writing anything. Returns whether anything changed.
 */
export async function correctIncidentTimes(tx: Tx, incident: Incident, corrections: TimeCorrections, actor: Actor, now: Date): Promise<boolean> {
  const check = checkTimeCorrections(incident, corrections, now);
  if (!check.ok) throw badRequest(check.reason);
  const changes = realTimeChanges(incident, corrections);
  if (changes.length === 0) return false;
  const firstMitigation = incident.mitigatedAt === null && changes.some((change) => change.field === 'mitigatedAt') ? markMitigated(incident) : null;
  const phase = firstMitigation?.ok ? firstMitigation.phase : incident.phase;
  await updateIncidentRow(tx, incident.id, {
    ...Object.fromEntries(changes.map((change) => [change.field, new Date(change.to)])),
    phase,
    updatedAt: now,
  });
  for (const change of changes) await appendEvent(tx, incident.id, { type: 'timestamp_corrected', at: now, actor, data: change });
  if (firstMitigation?.ok) {
    const moved = phase !== incident.phase ? { phase: { from: incident.phase, to: phase } } : {};
    await appendEvent(tx, incident.id, { type: 'mitigated', at: now, actor, data: { at: corrections.mitigatedAt && new Date(corrections.mitigatedAt).toISOString(), ...moved } });
  }
  return true;
}
