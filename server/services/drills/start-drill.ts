import type { Drill, StartDrillInput } from '../../../shared/api/drills';
import { defaultDrillReminderMinutes, maxDrillScheduleDays } from '../../../shared/domain/drills';
import { findDrillScenario } from '../../db/stores/drill-scenarios';
import { findDrill, insertDrill } from '../../db/stores/drills';
import { findService } from '../../db/stores/services';
import { badRequest, conflict } from '../../errors';
import { afterIncidentCommit, type Runtime } from '../../runtime';
import { peopleWhoMayAct } from '../command/role-people';
import { beginDrill } from './run-drill';

const dayMs = 86_400_000;

/**
 * Plans a drill from a scenario: started at once (its incident pages in this same commit), or put on the game-day
 * calendar when `startsAt` is in the future, with a reminder to its participants `remindMinutesBefore` earlier
 * (at once when that moment has passed already).
 */
export async function startDrill(rt: Runtime, input: StartDrillInput, userId: string): Promise<Drill> {
  const now = rt.clock.now();
  const startsAt = input.startsAt === undefined ? now : new Date(input.startsAt);
  if (startsAt.getTime() > now.getTime() + maxDrillScheduleDays * dayMs) throw badRequest(`startsAt: must be within ${maxDrillScheduleDays} days from now`);
  const later = startsAt > now;
  const { drill, incidentId } = await rt.db.transaction(async (tx) => {
    const scenario = await findDrillScenario(tx, input.scenarioId);
    if (!scenario) throw badRequest(`scenarioId: there is no drill scenario ${input.scenarioId}`);
    const service = (await findService(tx, scenario.serviceId))!;
    if (service.archivedAt) throw conflict(`service ${service.name} is archived; restore it to drill on it`);
    if (input.participants) await peopleWhoMayAct(tx, [{ field: 'participants', ids: input.participants }]);
    const remindMinutesBefore = input.remindMinutesBefore ?? defaultDrillReminderMinutes;
    const remindAt = later && remindMinutesBefore > 0 ? new Date(Math.max(now.getTime(), startsAt.getTime() - remindMinutesBefore * 60_000)) : null;
    const row = {
      id: crypto.randomUUID(),
      scenarioId: scenario.id,
      serviceId: scenario.serviceId,
      name: scenario.name,
      severity: scenario.severity,
      title: scenario.title,
      description: scenario.description,
      injects: scenario.injects,
      participants: input.participants ?? null,
      status: 'scheduled' as const,
      startsAt: later ? startsAt : now,
      remindAt,
      remindMinutesBefore,
      startedAt: null,
      endedAt: null,
      incidentId: null,
      injectsDone: 0,
      shiftMs: 0,
      pausedAt: null,
      dueAt: later ? startsAt : null,
      createdBy: userId,
      createdAt: now,
    };
    await insertDrill(tx, row);
    const incidentId = later ? null : await beginDrill(tx, row, now);
    return { drill: (await findDrill(tx, row.id))!, incidentId };
  });
  if (incidentId) afterIncidentCommit(rt, incidentId, 'triggered');
  else rt.wakeEngine();
  return drill;
}
