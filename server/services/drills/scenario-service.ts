import type { Tx } from '../../db/client';
import { findService } from '../../db/stores/services';
import { badRequest } from '../../errors';

/**
 * The service a scenario is written for must exist and be open: an archived service opens no incidents, so a
 * drill on it could never run. A 400 rather than a 404: the scenario is what was asked for, its field is wrong.
 */
export async function checkScenarioService(tx: Tx, serviceId: string): Promise<void> {
  const service = await findService(tx, serviceId);
  if (!service) throw badRequest(`invalid body: serviceId: no service ${serviceId}`);
  if (service.archivedAt) throw badRequest(`invalid body: serviceId: service ${service.name} is archived; restore it to drill on it`);
}
