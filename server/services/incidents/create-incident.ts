import type { Actor, IncidentDetail } from '../../../shared/api/incidents';
import type { Severity } from '../../../shared/domain/severity';
import type { Db } from '../../db/client';
import { appendTimelineEvent, insertIncident, nextIncidentNumber } from '../../db/stores/incidents';
import { findService } from '../../db/stores/services';
import { notFound } from '../../errors';
import { incidentDetail } from './incident-detail';

export interface NewIncident {
  serviceId: string;
  title: string;
  severity: Severity;
  description?: string;
}

export function createIncident(db: Db, input: NewIncident, actor: Actor, now: Date): IncidentDetail {
  return db.transaction((tx) => {
    if (!findService(tx, input.serviceId)) throw notFound(`service ${input.serviceId}`);
    const id = crypto.randomUUID();
    insertIncident(tx, {
      id,
      number: nextIncidentNumber(tx),
      title: input.title,
      description: input.description ?? null,
      status: 'triggered',
      severity: input.severity,
      serviceId: input.serviceId,
      createdAt: now,
      updatedAt: now,
    });
    appendTimelineEvent(tx, id, { type: 'triggered', actor, data: { severity: input.severity } }, now);
    return incidentDetail(tx, id);
  });
}
