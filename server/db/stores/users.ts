import { asc, count, eq, inArray } from 'drizzle-orm';
import type { User } from '../../../shared/api/accounts';
import type { Role } from '../../../shared/api/common';
import type { Db, Tx } from '../client';
import { apiTokens, sessions, users } from '../schema/index';

type UserRow = typeof users.$inferSelect;

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
  };
}

export function countUsers(db: Tx): number {
  return db.select({ n: count() }).from(users).get()?.n ?? 0;
}

export function findUserByEmail(db: Db, email: string): UserRow | undefined {
  return db.select().from(users).where(eq(users.email, email)).get();
}

export function findUser(db: Tx, id: string): UserRow | undefined {
  return db.select().from(users).where(eq(users.id, id)).get();
}

export function listUsers(db: Db): User[] {
  return db.select().from(users).orderBy(asc(users.name)).all().map(toUser);
}

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
}

export function insertUser(db: Tx, user: NewUser, now: Date): User {
  const row = db
    .insert(users)
    .values({ id: crypto.randomUUID(), ...user, active: true, createdAt: now })
    .returning()
    .get();
  return toUser(row);
}

export function updateUser(
  db: Db,
  id: string,
  changes: Partial<Pick<UserRow, 'name' | 'role' | 'active' | 'passwordHash'>>,
): User | undefined {
  return db.transaction((tx) => {
    const row = tx.update(users).set(changes).where(eq(users.id, id)).returning().get();
    // A deactivated user or a new password ends every existing sign-in at once.
    if (row && (changes.active === false || changes.passwordHash)) {
      tx.delete(sessions).where(eq(sessions.userId, id)).run();
    }
    if (row && changes.active === false) tx.delete(apiTokens).where(eq(apiTokens.userId, id)).run();
    return row ? toUser(row) : undefined;
  });
}

export function userNames(db: Tx, ids: string[]): Map<string, string> {
  if (ids.length === 0) return new Map();
  const rows = db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids)).all();
  return new Map(rows.map((row) => [row.id, row.name]));
}
