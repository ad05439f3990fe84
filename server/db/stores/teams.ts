import { and, asc, eq } from 'drizzle-orm';
import type { Team } from '../../../shared/api/accounts';
import type { Tx } from '../client';
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
