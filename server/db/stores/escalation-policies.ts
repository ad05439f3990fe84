import { asc, eq, sql } from 'drizzle-orm';
import type { EscalationPolicy, EscalationPolicyInput } from '../../../shared/api/paging';
import type { Tx } from '../client';
import { prepared } from '../prepared';
import type { PolicyRow } from '../schema/index';

async function toPolicy(tx: Tx, row: PolicyRow): Promise<EscalationPolicy> {
  const { services } = tx.t;
  const serviceIds = await tx.select({ id: services.id }).from(services).where(eq(services.escalationPolicyId, row.id));
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

/** Prepared: every incident opened reads its policy. */
export async function findPolicyRow(tx: Tx, id: string): Promise<PolicyRow | undefined> {
  const statement = prepared(tx, 'find_policy', (h) => {
    const { escalationPolicies } = h.t;
    return h.select().from(escalationPolicies).where(eq(escalationPolicies.id, sql.placeholder('id'))).limit(1);
  });
  const [row] = await statement.execute({ id });
  return row;
}

export async function findPolicy(tx: Tx, id: string): Promise<EscalationPolicy | undefined> {
  const row = await findPolicyRow(tx, id);
  return row ? toPolicy(tx, row) : undefined;
}

export async function listPolicies(tx: Tx): Promise<EscalationPolicy[]> {
  const { escalationPolicies } = tx.t;
  const rows = await tx.select().from(escalationPolicies).orderBy(asc(escalationPolicies.name));
  // One after another: the handle may be a transaction, which runs one query at a time anyway.
  const policies: EscalationPolicy[] = [];
  for (const row of rows) policies.push(await toPolicy(tx, row));
  return policies;
}

export async function insertPolicy(tx: Tx, input: EscalationPolicyInput, now: Date): Promise<EscalationPolicy> {
  const { escalationPolicies } = tx.t;
  const [row] = await tx
    .insert(escalationPolicies)
    .values({ id: crypto.randomUUID(), ...input, description: input.description ?? null, createdAt: now })
    .returning();
  return toPolicy(tx, row);
}

export async function replacePolicyRow(tx: Tx, id: string, input: EscalationPolicyInput): Promise<EscalationPolicy | undefined> {
  const { escalationPolicies } = tx.t;
  const [row] = await tx
    .update(escalationPolicies)
    .set({ ...input, description: input.description ?? null })
    .where(eq(escalationPolicies.id, id))
    .returning();
  return row ? toPolicy(tx, row) : undefined;
}

export async function deletePolicyRow(tx: Tx, id: string): Promise<boolean> {
  const { escalationPolicies } = tx.t;
  const deleted = await tx.delete(escalationPolicies).where(eq(escalationPolicies.id, id)).returning({ id: escalationPolicies.id });
  return deleted.length > 0;
}
