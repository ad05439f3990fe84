import { eq } from 'drizzle-orm';
import type { Tx } from '../client';

/**
 * The value of a key every instance shares, stored on first use. Instances starting together may both make
 * one: the first insert wins, and every instance then reads the winner's.
 */
export async function sharedKey(tx: Tx, name: string, initial: () => string, now: Date): Promise<string> {
  const { sharedKeys } = tx.t;
  const read = async () => (await tx.select({ value: sharedKeys.value }).from(sharedKeys).where(eq(sharedKeys.name, name)).limit(1))[0]?.value;
  const existing = await read();
  if (existing !== undefined) return existing;
  await tx.insert(sharedKeys).values({ name, value: initial(), createdAt: now }).onConflictDoNothing();
  return (await read())!;
}
