import type { Actor, IncidentDetail } from '../../../shared/api/incidents';
import { checklistItem, checklistKey, type IncidentRole } from '../../../shared/domain/incident-roles';
import { commandStateOf } from '../../db/stores/incident-roles';
import { appendEvent, findIncident, updateIncidentRow } from '../../db/stores/incidents';
import { badRequest, notFound } from '../../errors';
import { afterIncidentCommit, type Runtime } from '../../runtime';
import { incidentDetail } from '../incidents/incident-detail';

/** Ticks (or unticks) one role checklist item on an incident; ticking what is already ticked records nothing. */
export async function tickChecklist(
  rt: Runtime,
  incidentId: string,
  tick: { role: IncidentRole; item: string; done: boolean },
  actor: Actor,
): Promise<IncidentDetail> {
  const item = checklistItem(tick.role, tick.item);
  if (!item) throw badRequest(`item: the ${tick.role} checklist has no item "${tick.item}"`);
  const now = rt.clock.now();
  const key = checklistKey(tick.role, item.key);
  let changed = false;
  const detail = await rt.db.transaction(async (tx) => {
    const incident = await findIncident(tx, incidentId, { lock: true });
    const state = incident && (await commandStateOf(tx, incidentId));
    if (!state) throw notFound(`incident ${incidentId}`);
    if (state.checklist.includes(key) !== tick.done) {
      changed = true;
      const checklist = tick.done ? [...state.checklist, key] : state.checklist.filter((ticked) => ticked !== key);
      await updateIncidentRow(tx, incidentId, { checklist, updatedAt: now });
      await appendEvent(tx, incidentId, { type: 'checklist_ticked', at: now, actor, data: { role: tick.role, item: item.key, label: item.label, done: tick.done } });
    }
    return incidentDetail(tx, incidentId);
  });
  if (changed) afterIncidentCommit(rt, incidentId, 'checklist_ticked');
  return detail;
}
