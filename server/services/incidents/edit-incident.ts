import type { Actor, IncidentDetail } from '../../../shared/api/incidents';
import { severityChangeRefusal, type TimeCorrections } from '../../../shared/domain/incident-corrections';
import type { Severity } from '../../../shared/domain/severity';
import { appendEvent, findIncident, updateIncidentRow } from '../../db/stores/incidents';
import { conflict, notFound } from '../../errors';
import { afterIncidentCommit, type Runtime } from '../../runtime';
import { correctIncidentTimes } from './correct-times';
import { incidentDetail } from './incident-detail';
import { setUpdateCadence } from './set-update-cadence';

/** Changes severity, title and/or corrects times; each real change is its own timeline event. */
export async function editIncident(
  rt: Runtime,
  incidentId: string,
  changes: { severity?: Severity; title?: string; updateCadenceMinutes?: number | null } & TimeCorrections,
  actor: Actor,
): Promise<IncidentDetail> {
  const now = rt.clock.now();
  const result = await rt.db.transaction(async (tx) => {
    const incident = await findIncident(tx, incidentId, { lock: true });
    if (!incident) throw notFound(`incident ${incidentId}`);
    const severityChanged = changes.severity !== undefined && changes.severity !== incident.severity;
    const refusal = severityChanged ? severityChangeRefusal(incident) : null;
    if (refusal) throw conflict(`cannot change the severity of incident #${incident.number}: ${refusal}`);
    const titleChanged = changes.title !== undefined && changes.title !== incident.title;
    await setUpdateCadence(tx, incidentId, changes.updateCadenceMinutes, severityChanged ? changes.severity : undefined, now);
    await correctIncidentTimes(tx, incident, changes, actor, now);
    if (!severityChanged && !titleChanged) return incidentDetail(tx, incidentId);
    await updateIncidentRow(tx, incidentId, {
      updatedAt: now,
      ...(severityChanged && { severity: changes.severity }),
      ...(titleChanged && { title: changes.title }),
    });
    if (severityChanged) {
      await appendEvent(tx, incidentId, { type: 'severity_changed', at: now, actor, data: { from: incident.severity, to: changes.severity } });
    }
    if (titleChanged) {
      await appendEvent(tx, incidentId, { type: 'title_changed', at: now, actor, data: { from: incident.title, to: changes.title } });
    }
    return incidentDetail(tx, incidentId);
  });
  afterIncidentCommit(rt, incidentId, 'edited');
  return result;
}
