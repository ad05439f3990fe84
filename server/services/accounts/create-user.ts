import type { User } from '../../../shared/api/accounts';
import type { Role } from '../../../shared/api/common';
import { hashPassword } from '../../auth/password';
import type { Db } from '../../db/client';
import { countUsers, insertUser, insertUserUnlessEmailTaken, lockUsers } from '../../db/stores/users';
import { conflict } from '../../errors';

export interface NewAccount {
  email: string;
  name: string;
  /** Left out, the user has none until they choose one through a sign-in link. */
  password?: string;
  role: Role;
}

export async function createUser(db: Db, account: NewAccount, now: Date): Promise<User> {
  const passwordHash = account.password === undefined ? '' : await hashPassword(account.password);
  // The insert itself refuses a taken email: a look-up first could be overtaken by a simultaneous request.
  const user = await insertUserUnlessEmailTaken(db, { email: account.email, name: account.name, role: account.role, passwordHash }, now);
  if (!user) throw conflict(`a user with email ${account.email} already exists`);
  return user;
}

/**
 * The first admin: only while no user exists at all, so neither the environment nor the
 * setup form can add an admin to a running installation.
 */
export async function createFirstAdmin(db: Db, account: Omit<NewAccount, 'role'> & { password: string }, now: Date): Promise<User | null> {
  // Refuse before the slow hash: the setup endpoint is open to anyone and is not rate-limited.
  if ((await countUsers(db)) > 0) return null;
  const passwordHash = await hashPassword(account.password);
  return db.transaction(async (tx) => {
    // Two setups at once (or two instances starting with MUSTER_ADMIN_EMAIL) must not both see "no user".
    await lockUsers(db, tx);
    if ((await countUsers(tx)) > 0) return null;
    return insertUser(tx, { email: account.email, name: account.name, role: 'admin', passwordHash }, now);
  });
}
