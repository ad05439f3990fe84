import type { Actor, IncidentDetail, TimelineEventType } from '../../../shared/api/incidents';
import { transition } from '../../../shared/domain/lifecycle';
import type { Db } from '../../db/client';
import { appendTimelineEvent, findIncident, updateIncidentRow } from '../../db/stores/incidents';
import { conflict, notFound } from '../../errors';
import { incidentDetail } from './incident-detail';

export type StatusCommand = 'acknowledge' | 'resolve' | 'retrigger';

const eventFor: Record<StatusCommand, TimelineEventType> = {
  acknowledge: 'acknowledged',
  resolve: 'resolved',
  retrigger: 'retriggered',
};

/** Applies a lifecycle command through the shared transition table; refusals become 409. */
export function changeIncidentStatus(
  db: Db,
  incidentId: string,
  command: StatusCommand,
  actor: Actor,
  now: Date,
): IncidentDetail {
  return db.transaction((tx) => {
    const incident = findIncident(tx, incidentId);
    if (!incident) throw notFound(`incident ${incidentId}`);
    const result = transition(incident.status, command);
    if (!result.ok) throw conflict(`cannot ${command} incident #${incident.number}: ${result.reason}`);
    updateIncidentRow(tx, incidentId, {
      status: result.to,
      updatedAt: now,
      ...(command === 'acknowledge' && { acknowledgedAt: now }),
      ...(command === 'resolve' && { resolvedAt: now }),
      ...(command === 'retrigger' && { acknowledgedAt: null, resolvedAt: null }),
    });
    appendTimelineEvent(tx, incidentId, { type: eventFor[command], actor, data: { from: result.from } }, now);
    return incidentDetail(tx, incidentId);
  });
}
