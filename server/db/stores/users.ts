import { asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { User } from '../../../shared/api/accounts';
import type { Role } from '../../../shared/api/common';
import type { Db, Tx } from '../client';
import type { UserRow } from '../schema/index';

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    active: row.active,
    timeZone: row.timeZone,
    hasPassword: row.passwordHash !== '',
    createdAt: row.createdAt.toISOString(),
  };
}

export async function countUsers(tx: Tx): Promise<number> {
  const { users } = tx.t;
  const [row] = await tx.select({ n: count() }).from(users);
  return row?.n ?? 0;
}

export async function findUserByEmail(tx: Tx, email: string): Promise<UserRow | undefined> {
  const { users } = tx.t;
  const [row] = await tx.select().from(users).where(eq(users.email, email)).limit(1);
  return row;
}

export async function findUser(tx: Tx, id: string): Promise<UserRow | undefined> {
  const { users } = tx.t;
  const [row] = await tx.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

export async function listUsers(tx: Tx): Promise<User[]> {
  const { users } = tx.t;
  return (await tx.select().from(users).orderBy(asc(users.name))).map(toUser);
}

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
}

export async function insertUser(tx: Tx, user: NewUser, now: Date): Promise<User> {
  const { users } = tx.t;
  const [row] = await tx
    .insert(users)
    .values({ id: crypto.randomUUID(), ...user, active: true, createdAt: now })
    .returning();
  return toUser(row);
}

/**
 * Undefined when the email is taken. The unique email decides, not a look-up before the insert: two
 * simultaneous requests (on one instance or several) get one account and one refusal, never a 500.
 */
export async function insertUserUnlessEmailTaken(tx: Tx, user: NewUser, now: Date): Promise<User | undefined> {
  const { users } = tx.t;
  const [row] = await tx
    .insert(users)
    .values({ id: crypto.randomUUID(), ...user, active: true, createdAt: now })
    .onConflictDoNothing({ target: users.email })
    .returning();
  return row ? toUser(row) : undefined;
}

/**
 * Inside a transaction, keeps every other one from adding, changing or removing users until it ends, so
 * "is there any user yet?" stays true until the insert that depends on it. SQLite's `BEGIN IMMEDIATE`
 * already holds the whole database; PostgreSQL needs the table lock (this mode conflicts with itself
 * and with writes, not with reads).
 */
export async function lockUsers(db: Db, tx: Tx): Promise<void> {
  if (db.backend === 'postgres') await db.raw(tx, sql`lock table ${tx.t.users} in share row exclusive mode`);
}

export async function updateUser(
  db: Db,
  id: string,
  changes: Partial<Pick<UserRow, 'name' | 'role' | 'active' | 'passwordHash' | 'timeZone'>>,
): Promise<User | undefined> {
  return db.transaction(async (tx) => {
    const { users, sessions, apiTokens, signInLinks } = tx.t;
    const [row] = await tx.update(users).set(changes).where(eq(users.id, id)).returning();
    // A deactivated user or a new password ends every existing sign-in at once (a deactivated one's links too).
    if (row && (changes.active === false || changes.passwordHash)) {
      await tx.delete(sessions).where(eq(sessions.userId, id));
    }
    if (row && changes.active === false) {
      await tx.delete(apiTokens).where(eq(apiTokens.userId, id));
      await tx.delete(signInLinks).where(eq(signInLinks.userId, id));
    }
    return row ? toUser(row) : undefined;
  });
}

/** A new password ends every existing sign-in of the user; the caller signs the current one in again. */
export async function setPasswordHash(tx: Tx, id: string, passwordHash: string): Promise<User> {
  const { users, sessions } = tx.t;
  const [row] = await tx.update(users).set({ passwordHash }).where(eq(users.id, id)).returning();
  await tx.delete(sessions).where(eq(sessions.userId, id));
  return toUser(row);
}

export async function userNames(tx: Tx, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const { users } = tx.t;
  const rows = await tx.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids));
  return new Map(rows.map((row) => [row.id, row.name]));
}
