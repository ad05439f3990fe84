import { asc, eq } from 'drizzle-orm';
import type { Service } from '../../../shared/api/services';
import type { Tx } from '../client';
import { services } from '../schema/index';

type ServiceRow = typeof services.$inferSelect;

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

export function listServices(db: Tx): ServiceRow[] {
  return db.select().from(services).orderBy(asc(services.name)).all();
}

export function findService(db: Tx, id: string): ServiceRow | undefined {
  return db.select().from(services).where(eq(services.id, id)).get();
}

export function insertService(db: Tx, values: typeof services.$inferInsert): ServiceRow {
  return db.insert(services).values(values).returning().get();
}

export function updateService(
  db: Tx,
  id: string,
  changes: Partial<Pick<ServiceRow, 'name' | 'description' | 'teamId' | 'escalationPolicyId' | 'integrationKeyHash'>>,
): ServiceRow | undefined {
  return db.update(services).set(changes).where(eq(services.id, id)).returning().get();
}
