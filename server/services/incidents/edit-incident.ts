import type { Actor, IncidentDetail } from '../../../shared/api/incidents';
import type { Severity } from '../../../shared/domain/severity';
import { appendTimelineEvent, findIncident, updateIncidentRow } from '../../db/stores/incidents';
import { notFound } from '../../errors';
import { afterIncidentCommit, type Runtime } from '../../runtime';
import { incidentDetail } from './incident-detail';

/** Changes severity and/or title; each real change is its own timeline event. */
export function editIncident(
  rt: Runtime,
  incidentId: string,
  changes: { severity?: Severity; title?: string },
  actor: Actor,
): IncidentDetail {
  const now = rt.clock.now();
  const result = rt.db.transaction((tx) => {
    const incident = findIncident(tx, incidentId);
    if (!incident) throw notFound(`incident ${incidentId}`);
    const severityChanged = changes.severity !== undefined && changes.severity !== incident.severity;
    const titleChanged = changes.title !== undefined && changes.title !== incident.title;
    if (!severityChanged && !titleChanged) return incidentDetail(tx, incidentId);
    updateIncidentRow(tx, incidentId, {
      updatedAt: now,
      ...(severityChanged && { severity: changes.severity }),
      ...(titleChanged && { title: changes.title }),
    });
    if (severityChanged) {
      appendTimelineEvent(tx, incidentId, { type: 'severity_changed', actor, data: { from: incident.severity, to: changes.severity } }, now);
    }
    if (titleChanged) {
      appendTimelineEvent(tx, incidentId, { type: 'title_changed', actor, data: { from: incident.title, to: changes.title } }, now);
    }
    return incidentDetail(tx, incidentId);
  });
  afterIncidentCommit(rt, incidentId, 'edited');
  return result;
}
