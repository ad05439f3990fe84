import type { User } from '../../../shared/api/accounts';
import type { Role } from '../../../shared/api/common';
import { hashPassword } from '../../auth/password';
import type { Db } from '../../db/client';
import { countUsers, findUserByEmail, insertUser } from '../../db/stores/users';
import { conflict } from '../../errors';

export interface NewAccount {
  email: string;
  name: string;
  password: string;
  role: Role;
}

export async function createUser(db: Db, account: NewAccount, now: Date): Promise<User> {
  const passwordHash = await hashPassword(account.password);
  // Checked after the (slow, async) hash so the check and the insert run with no await between.
  if (findUserByEmail(db, account.email)) throw conflict(`a user with email ${account.email} already exists`);
  return insertUser(db, { email: account.email, name: account.name, role: account.role, passwordHash }, now);
}

/**
 * The first admin: only while no user exists at all, so neither the environment nor the
 * setup form can add an admin to a running installation.
 */
export async function createFirstAdmin(db: Db, account: Omit<NewAccount, 'role'>, now: Date): Promise<User | null> {
  // Refuse before the slow hash: the setup endpoint is open to anyone and is not rate-limited.
  if (countUsers(db) > 0) return null;
  const passwordHash = await hashPassword(account.password);
  return db.transaction((tx) => {
    if (countUsers(tx) > 0) return null;
    return insertUser(tx, { email: account.email, name: account.name, role: 'admin', passwordHash }, now);
  });
}
