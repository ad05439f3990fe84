import type { Actor, IncidentDetail } from '../../../shared/api/incidents';
import { isOpen } from '../../../shared/domain/lifecycle';
import { appendEvent, findIncident } from '../../db/stores/incidents';
import { findScheduleRow, onCallAnswer } from '../../db/stores/schedules';
import { pageNow } from '../../engine/page-now';
import { badRequest, conflict, notFound } from '../../errors';
import { afterIncidentCommit, type Runtime } from '../../runtime';
import { incidentDetail } from '../incidents/incident-detail';
import { peopleWhoMayAct } from './role-people';

export type ResponderSource = { userId: string } | { scheduleId: string };

/**
 * Pages a person, or whoever a schedule has on call now, into an incident at once, whatever its status (see
 * page-now.ts): the escalation carries on as it was. Recorded as `responders_added`.
 */
export async function addResponders(rt: Runtime, incidentId: string, source: ResponderSource, actor: Actor): Promise<IncidentDetail> {
  const now = rt.clock.now();
  const detail = await rt.db.transaction(async (tx) => {
    const incident = await findIncident(tx, incidentId, { lock: true });
    if (!incident) throw notFound(`incident ${incidentId}`);
    if (!isOpen(incident.status)) throw conflict(`cannot add responders to incident #${incident.number}: it is ${incident.status}`);
    let userIds: string[];
    let via: { type: 'user' | 'schedule'; id: string; name: string };
    if ('userId' in source) {
      const person = (await peopleWhoMayAct(tx, [{ field: 'userId', ids: [source.userId] }])).get(source.userId)!;
      userIds = [person.id];
      via = { type: 'user', id: person.id, name: person.name };
    } else {
      const schedule = await findScheduleRow(tx, source.scheduleId);
      if (!schedule) throw badRequest(`scheduleId: there is no schedule ${source.scheduleId}`);
      userIds = (await onCallAnswer(tx, schedule.id, now)).userIds;
      if (userIds.length === 0) throw badRequest(`nobody is on call for ${schedule.name} now`);
      via = { type: 'schedule', id: schedule.id, name: schedule.name };
    }
    const { paged, skipped } = await pageNow(tx, incidentId, userIds, now);
    if (paged.length === 0) throw badRequest(`nobody was paged: ${skipped.map((user) => user.reason).join('; ')}`);
    await appendEvent(tx, incidentId, {
      type: 'responders_added',
      at: now,
      actor,
      data: { users: paged.map((user) => ({ id: user.id, name: user.name })), via, ...(skipped.length > 0 && { skipped }) },
    });
    return incidentDetail(tx, incidentId);
  });
  afterIncidentCommit(rt, incidentId, 'responders_added');
  return detail;
}
