import type { Db } from '../../db/client';
import { countIncidentsOf, deleteServiceRow, findService } from '../../db/stores/services';
import { conflict, notFound } from '../../errors';

/** Refused while incidents refer to the service: their history must stay readable, so it is archived instead. */
export async function deleteService(db: Db, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const service = await findService(tx, id);
    if (!service) throw notFound(`service ${id}`);
    const incidents = await countIncidentsOf(tx, id);
    if (incidents > 0) {
      const counted = incidents === 1 ? '1 incident refers' : `${incidents} incidents refer`;
      throw conflict(`${counted} to service ${service.name}; archive it instead: it keeps its incidents and opens no new ones`);
    }
    await deleteServiceRow(tx, id);
  });
}
