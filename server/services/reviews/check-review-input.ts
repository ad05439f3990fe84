import { factorBlamesPerson } from '../../../shared/domain/review';
import type { Tx } from '../../db/client';
import { findUser, listUsers } from '../../db/stores/users';
import { badRequest } from '../../errors';

/** Blameless: refuses a contributing factor that is only the name of someone in Muster. */
export async function refuseBlame(tx: Tx, factors: string[]): Promise<void> {
  const names = (await listUsers(tx)).map((user) => user.name);
  for (const [index, factor] of factors.entries()) {
    const person = factorBlamesPerson(factor, names);
    if (person) {
      throw badRequest(
        `contributingFactors.${index}: “${factor}” names a person. Reviews are blameless: describe the system or condition that let it happen (a missing check, an unclear alert, a risky default) instead`,
      );
    }
  }
}

/** An action item's owner must be someone who can still act on it. */
export async function checkOwner(tx: Tx, ownerId: string | null | undefined, field: string): Promise<void> {
  if (!ownerId) return;
  const owner = await findUser(tx, ownerId);
  if (!owner) throw badRequest(`${field}: no user ${ownerId}`);
  if (!owner.active) throw badRequest(`${field}: ${owner.name} is deactivated; pick an active user`);
}
