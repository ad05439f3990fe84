import { and, asc, eq, ne } from 'drizzle-orm';
import type { Team } from '../../../shared/api/accounts';
import type { Db, Tx } from '../client';
import type { Tables } from '../schema/index';

type TeamRow = Tables['teams']['$inferSelect'];

async function membersOf(tx: Tx, teamId: string): Promise<Team['members']> {
  const { teamMembers, users } = tx.t;
  return tx
    .select({ id: users.id, name: users.name, email: users.email })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(eq(teamMembers.teamId, teamId))
    .orderBy(asc(users.name));
}

async function toTeam(tx: Tx, row: TeamRow): Promise<Team> {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    createdAt: row.createdAt.toISOString(),
    members: await membersOf(tx, row.id),
  };
}

export async function listTeams(tx: Tx): Promise<Team[]> {
  const { teams } = tx.t;
  const rows = await tx.select().from(teams).orderBy(asc(teams.name));
  return Promise.all(rows.map((row) => toTeam(tx, row)));
}

export async function findTeam(tx: Tx, id: string): Promise<Team | undefined> {
  const { teams } = tx.t;
  const [row] = await tx.select().from(teams).where(eq(teams.id, id)).limit(1);
  return row ? toTeam(tx, row) : undefined;
}

/**
 * Undefined when the name is taken. The unique name decides rather than a look-up first, so two
 * simultaneous creates (on one instance or several) give one team and one refusal, never a 500.
 */
export async function insertTeam(tx: Tx, values: { name: string; description?: string }, now: Date): Promise<Team | undefined> {
  const { teams } = tx.t;
  const [row] = await tx
    .insert(teams)
    .values({ id: crypto.randomUUID(), name: values.name, description: values.description ?? null, createdAt: now })
    .onConflictDoNothing({ target: teams.name })
    .returning();
  return row ? toTeam(tx, row) : undefined;
}

export async function addTeamMember(tx: Tx, teamId: string, userId: string): Promise<void> {
  const { teamMembers } = tx.t;
  await tx.insert(teamMembers).values({ teamId, userId }).onConflictDoNothing();
}

export async function removeTeamMember(tx: Tx, teamId: string, userId: string): Promise<boolean> {
  const { teamMembers } = tx.t;
  const deleted = await tx
    .delete(teamMembers)
    .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)))
    .returning({ teamId: teamMembers.teamId });
  return deleted.length > 0;
}

/**
 * 'name taken' when another team has the new name. Checked under the table's write lock (SQLite holds the
 * database; PostgreSQL rows are locked by the update), so the answer is a 409, not a unique-violation 500,
 * except for two renames to one name at the very same moment on PostgreSQL.
 */
export async function updateTeam(db: Db, id: string, changes: { name?: string; description?: string | null }): Promise<Team | 'name taken' | undefined> {
  return db.transaction(async (tx) => {
    const { teams } = tx.t;
    if (changes.name !== undefined) {
      const [clash] = await tx.select({ id: teams.id }).from(teams).where(and(eq(teams.name, changes.name), ne(teams.id, id))).limit(1);
      if (clash) return 'name taken';
    }
    const [row] = await tx.update(teams).set(changes).where(eq(teams.id, id)).returning();
    return row ? toTeam(tx, row) : undefined;
  });
}
