import { hashPassword, verifyPassword } from '../../auth/password';
import type { Db } from '../../db/client';
import { createSession } from '../../db/stores/credentials';
import { findUser, setPasswordHash } from '../../db/stores/users';
import { badRequest } from '../../errors';

/**
 * Needs the current password, so a phone left unlocked cannot lock its owner out. Every other session ends;
 * the caller gets a fresh one for this device.
 */
export async function changePassword(db: Db, userId: string, input: { currentPassword: string; newPassword: string }, now: Date) {
  const user = await findUser(db, userId);
  if (!user || !(await verifyPassword(input.currentPassword, user.passwordHash))) throw badRequest('currentPassword: the current password is wrong');
  const passwordHash = await hashPassword(input.newPassword);
  return db.transaction(async (tx) => {
    await setPasswordHash(tx, userId, passwordHash);
    return createSession(tx, userId, now);
  });
}
