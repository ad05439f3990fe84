import type { CreateDrillScenarioInput, DrillScenario } from '../../../shared/api/drills';
import { findDrillTemplate, sortInjects } from '../../../shared/domain/drills';
import type { Db } from '../../db/client';
import { findDrillScenario, insertDrillScenario } from '../../db/stores/drill-scenarios';
import { checkScenarioService } from './scenario-service';

/** A scenario as written, or a copy of a built-in template (fields given beside it replace the template's). */
export async function createDrillScenario(db: Db, now: Date, input: CreateDrillScenarioInput, userId: string): Promise<DrillScenario> {
  const template = input.template === undefined ? undefined : findDrillTemplate(input.template);
  const name = input.name ?? template?.name;
  const severity = input.severity ?? template?.severity;
  const title = input.title ?? template?.title;
  const injects = input.injects ?? template?.injects;
  // The request schema requires these without a template, and every template has them.
  if (name === undefined || severity === undefined || title === undefined || injects === undefined) throw new Error('scenario fields missing');
  return db.transaction(async (tx) => {
    await checkScenarioService(tx, input.serviceId);
    const id = crypto.randomUUID();
    await insertDrillScenario(tx, {
      id,
      name,
      serviceId: input.serviceId,
      severity,
      title,
      description: input.description ?? template?.description ?? '',
      injects: sortInjects(injects).map(({ afterSeconds, kind, text }) => ({ afterSeconds, kind, text })),
      createdBy: userId,
      createdAt: now,
      updatedAt: now,
    });
    return (await findDrillScenario(tx, id))!;
  });
}
