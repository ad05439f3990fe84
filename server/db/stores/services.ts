import { asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { Service } from '../../../shared/api/services';
import { defaultSeverityMapping } from '../../../shared/domain/alert-severity';
import type { Tx } from '../client';
import { prepared } from '../prepared';
import { forUpdate } from '../row-locks';
import type { ServiceRow, Tables } from '../schema/index';

export function toService(row: ServiceRow): Service {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    teamId: row.teamId,
    escalationPolicyId: row.escalationPolicyId,
    severityMapping: { ...defaultSeverityMapping, ...row.severityMapping },
    stormThreshold: row.stormThreshold,
    archivedAt: row.archivedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function listServices(tx: Tx): Promise<ServiceRow[]> {
  const { services } = tx.t;
  return tx.select().from(services).orderBy(asc(services.name));
}

/** `lock`: holds the service's row until the transaction ends, so a check on what it has (a cap) stays true. */
export async function findService(tx: Tx, id: string, options: { lock?: boolean } = {}): Promise<ServiceRow | undefined> {
  const { services } = tx.t;
  const query = tx.select().from(services).where(eq(services.id, id)).limit(1);
  const [row] = await (options.lock ? forUpdate(tx, query) : query);
  return row;
}

export async function insertService(tx: Tx, values: Tables['services']['$inferInsert']): Promise<ServiceRow> {
  const [row] = await tx.insert(tx.t.services).values(values).returning();
  return row;
}

export async function updateService(
  tx: Tx,
  id: string,
  changes: Partial<Pick<ServiceRow, 'name' | 'description' | 'teamId' | 'escalationPolicyId' | 'integrationKeyHash' | 'severityMapping' | 'stormThreshold' | 'archivedAt'>>,
): Promise<ServiceRow | undefined> {
  const { services } = tx.t;
  const [row] = await tx.update(services).set(changes).where(eq(services.id, id)).returning();
  return row;
}

/** Names in alphabetical order, for messages that must say which services. */
export async function serviceNames(tx: Tx, ids: string[]): Promise<string[]> {
  const { services } = tx.t;
  const rows = await tx.select({ name: services.name }).from(services).where(inArray(services.id, ids)).orderBy(asc(services.name));
  return rows.map((row) => row.name);
}

export async function countIncidentsOf(tx: Tx, serviceId: string): Promise<number> {
  const { incidents } = tx.t;
  const [row] = await tx.select({ n: count() }).from(incidents).where(eq(incidents.serviceId, serviceId));
  return row?.n ?? 0;
}

/** Its heartbeats, maintenance windows, alerts and change events go with it. */
export async function deleteServiceRow(tx: Tx, id: string): Promise<void> {
  const { services } = tx.t;
  await tx.delete(services).where(eq(services.id, id));
}

/** Prepared: every event from a monitoring tool starts here. */
export async function findServiceByIntegrationKeyHash(tx: Tx, integrationKeyHash: string): Promise<ServiceRow | undefined> {
  const query = prepared(tx, 'service_by_integration_key', (h) => {
    const { services } = h.t;
    return h.select().from(services).where(eq(services.integrationKeyHash, sql.placeholder('hash'))).limit(1);
  });
  const [row] = await query.execute({ hash: integrationKeyHash });
  return row;
}
