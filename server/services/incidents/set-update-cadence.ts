import type { Severity } from '../../../shared/domain/severity';
import { nextUpdateDueAt } from '../../../shared/domain/update-cadence';
import type { Tx } from '../../db/client';
import { updateIncidentRow } from '../../db/stores/incidents';
import { findCadenceRow } from '../../db/stores/update-reminders';

/**
 * Inside an edit's transaction (the incident's row locked): sets the incident's own update cadence (null: the
 * severity's default) and, when it or the severity changed, moves the reminder to the new due time. Raising
 * severity to SEV-1/2 so starts reminders; lowering it to SEV-3/4 without a cadence of its own stops them.
 */
export async function setUpdateCadence(tx: Tx, incidentId: string, cadence: number | null | undefined, newSeverity: Severity | undefined, now: Date): Promise<boolean> {
  const row = await findCadenceRow(tx, incidentId);
  if (!row) return false;
  const cadenceChanged = cadence !== undefined && cadence !== row.updateCadenceMinutes;
  if (!cadenceChanged && newSeverity === undefined) return false;
  const updateCadenceMinutes = cadenceChanged ? cadence : row.updateCadenceMinutes;
  const updateReminderAt = nextUpdateDueAt({ ...row, severity: newSeverity ?? row.severity, updateCadenceMinutes });
  await updateIncidentRow(tx, incidentId, { updatedAt: now, updateCadenceMinutes, updateReminderAt });
  return true;
}
