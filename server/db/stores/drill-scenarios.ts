import { eq } from 'drizzle-orm';
import type { DrillScenario } from '../../../shared/api/drills';
import { scenarioDurationSeconds } from '../../../shared/domain/drills';
import type { Tx } from '../client';
import type { DrillScenarioRow, Tables } from '../schema/index';

const scenarioColumns = ({ drillScenarios, services, users }: Tables) => ({
  scenario: drillScenarios,
  serviceName: services.name,
  createdByName: users.name,
});

/** The one row → API mapper for scenarios. */
function toDrillScenario({ scenario, serviceName, createdByName }: { scenario: DrillScenarioRow; serviceName: string; createdByName: string | null }): DrillScenario {
  return {
    id: scenario.id,
    name: scenario.name,
    serviceId: scenario.serviceId,
    serviceName,
    severity: scenario.severity,
    title: scenario.title,
    description: scenario.description,
    injects: scenario.injects,
    durationSeconds: scenarioDurationSeconds(scenario.injects),
    createdBy: scenario.createdBy !== null && createdByName !== null ? { id: scenario.createdBy, name: createdByName } : null,
    createdAt: scenario.createdAt.toISOString(),
    updatedAt: scenario.updatedAt.toISOString(),
  };
}

function selectScenarios(tx: Tx) {
  const { drillScenarios, services, users } = tx.t;
  return tx
    .select(scenarioColumns(tx.t))
    .from(drillScenarios)
    .innerJoin(services, eq(services.id, drillScenarios.serviceId))
    .leftJoin(users, eq(users.id, drillScenarios.createdBy));
}

export async function findDrillScenario(tx: Tx, id: string): Promise<DrillScenario | undefined> {
  const [row] = await selectScenarios(tx).where(eq(tx.t.drillScenarios.id, id)).limit(1);
  return row && toDrillScenario(row);
}

/** By name, then oldest first; sorted here, by code unit, so both backends give one order whatever the collation. */
export async function listDrillScenarios(tx: Tx): Promise<DrillScenario[]> {
  const rows = await selectScenarios(tx);
  const byName = (a: (typeof rows)[number], b: (typeof rows)[number]) =>
    a.scenario.name < b.scenario.name ? -1 : a.scenario.name > b.scenario.name ? 1 : a.scenario.createdAt.getTime() - b.scenario.createdAt.getTime() || (a.scenario.id < b.scenario.id ? -1 : 1);
  return rows.sort(byName).map(toDrillScenario);
}

export async function insertDrillScenario(tx: Tx, values: DrillScenarioRow): Promise<void> {
  await tx.insert(tx.t.drillScenarios).values(values);
}

/** False when there is no such scenario. */
export async function updateDrillScenario(
  tx: Tx,
  id: string,
  values: Pick<DrillScenarioRow, 'name' | 'serviceId' | 'severity' | 'title' | 'description' | 'injects' | 'updatedAt'>,
): Promise<boolean> {
  const { drillScenarios } = tx.t;
  const updated = await tx.update(drillScenarios).set(values).where(eq(drillScenarios.id, id)).returning({ id: drillScenarios.id });
  return updated.length > 0;
}

/** False when there was none. */
export async function deleteDrillScenario(tx: Tx, id: string): Promise<boolean> {
  const { drillScenarios } = tx.t;
  const deleted = await tx.delete(drillScenarios).where(eq(drillScenarios.id, id)).returning({ id: drillScenarios.id });
  return deleted.length > 0;
}
