import type { DrillScenario, SaveDrillScenarioInput } from '../../../shared/api/drills';
import { sortInjects } from '../../../shared/domain/drills';
import type { Db } from '../../db/client';
import { findDrillScenario, updateDrillScenario } from '../../db/stores/drill-scenarios';
import { notFound } from '../../errors';
import { checkScenarioService } from './scenario-service';

/** Replaces the whole scenario (a missing description becomes empty); who created it and when stay. */
export async function replaceDrillScenario(db: Db, now: Date, id: string, input: SaveDrillScenarioInput): Promise<DrillScenario> {
  return db.transaction(async (tx) => {
    if (!(await findDrillScenario(tx, id))) throw notFound(`drill scenario ${id}`);
    await checkScenarioService(tx, input.serviceId);
    await updateDrillScenario(tx, id, {
      name: input.name,
      serviceId: input.serviceId,
      severity: input.severity,
      title: input.title,
      description: input.description ?? '',
      injects: sortInjects(input.injects),
      updatedAt: now,
    });
    return (await findDrillScenario(tx, id))!;
  });
}
