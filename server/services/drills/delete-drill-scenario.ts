import type { Db } from '../../db/client';
import { deleteDrillScenario } from '../../db/stores/drill-scenarios';
import { notFound } from '../../errors';

export async function removeDrillScenario(db: Db, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    if (!(await deleteDrillScenario(tx, id))) throw notFound(`drill scenario ${id}`);
  });
}
