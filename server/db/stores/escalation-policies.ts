import { asc, eq } from 'drizzle-orm';
import type { EscalationPolicy, EscalationPolicyInput } from '../../../shared/api/paging';
import type { Tx } from '../client';
import { escalationPolicies, services } from '../schema/index';

type PolicyRow = typeof escalationPolicies.$inferSelect;

function toPolicy(tx: Tx, row: PolicyRow): EscalationPolicy {
  const serviceIds = tx.select({ id: services.id }).from(services).where(eq(services.escalationPolicyId, row.id)).all();
  return {
    id: row.id,
    name: row.name,
    ...(row.description !== null && { description: row.description }),
    repeat: row.repeat,
    steps: row.steps,
    createdAt: row.createdAt.toISOString(),
    serviceIds: serviceIds.map((s) => s.id),
  };
}

export function findPolicyRow(tx: Tx, id: string): PolicyRow | undefined {
  return tx.select().from(escalationPolicies).where(eq(escalationPolicies.id, id)).get();
}

export function findPolicy(tx: Tx, id: string): EscalationPolicy | undefined {
  const row = findPolicyRow(tx, id);
  return row ? toPolicy(tx, row) : undefined;
}

export function listPolicies(tx: Tx): EscalationPolicy[] {
  return tx.select().from(escalationPolicies).orderBy(asc(escalationPolicies.name)).all().map((row) => toPolicy(tx, row));
}

export function insertPolicy(tx: Tx, input: EscalationPolicyInput, now: Date): EscalationPolicy {
  const row = tx
    .insert(escalationPolicies)
    .values({ id: crypto.randomUUID(), ...input, description: input.description ?? null, createdAt: now })
    .returning()
    .get();
  return toPolicy(tx, row);
}

export function replacePolicyRow(tx: Tx, id: string, input: EscalationPolicyInput): EscalationPolicy | undefined {
  const row = tx
    .update(escalationPolicies)
    .set({ ...input, description: input.description ?? null })
    .where(eq(escalationPolicies.id, id))
    .returning()
    .get();
  return row ? toPolicy(tx, row) : undefined;
}

export function deletePolicyRow(tx: Tx, id: string): boolean {
  return tx.delete(escalationPolicies).where(eq(escalationPolicies.id, id)).run().changes > 0;
}
