import { asc, eq } from 'drizzle-orm';
import type { Service } from '../../../shared/api/services';
import type { Tx } from '../client';
import type { ServiceRow, Tables } from '../schema/index';

export function toService(row: ServiceRow): Service {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    teamId: row.teamId,
    escalationPolicyId: row.escalationPolicyId,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function listServices(tx: Tx): Promise<ServiceRow[]> {
  const { services } = tx.t;
  return tx.select().from(services).orderBy(asc(services.name));
}

export async function findService(tx: Tx, id: string): Promise<ServiceRow | undefined> {
  const { services } = tx.t;
  const [row] = await tx.select().from(services).where(eq(services.id, id)).limit(1);
  return row;
}

export async function insertService(tx: Tx, values: Tables['services']['$inferInsert']): Promise<ServiceRow> {
  const [row] = await tx.insert(tx.t.services).values(values).returning();
  return row;
}

export async function updateService(
  tx: Tx,
  id: string,
  changes: Partial<Pick<ServiceRow, 'name' | 'description' | 'teamId' | 'escalationPolicyId' | 'integrationKeyHash'>>,
): Promise<ServiceRow | undefined> {
  const { services } = tx.t;
  const [row] = await tx.update(services).set(changes).where(eq(services.id, id)).returning();
  return row;
}
