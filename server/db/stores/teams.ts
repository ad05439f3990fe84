import { and, asc, eq } from 'drizzle-orm';
import type { Team } from '../../../shared/api/accounts';
import type { Db } from '../client';
import { teamMembers, teams, users } from '../schema/index';

function membersOf(db: Db, teamId: string): Team['members'] {
  return db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(eq(teamMembers.teamId, teamId))
    .orderBy(asc(users.name))
    .all();
}

function toTeam(db: Db, row: typeof teams.$inferSelect): Team {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    createdAt: row.createdAt.toISOString(),
    members: membersOf(db, row.id),
  };
}

export function listTeams(db: Db): Team[] {
  return db.select().from(teams).orderBy(asc(teams.name)).all().map((row) => toTeam(db, row));
}

export function findTeam(db: Db, id: string): Team | undefined {
  const row = db.select().from(teams).where(eq(teams.id, id)).get();
  return row ? toTeam(db, row) : undefined;
}

export function findTeamByName(db: Db, name: string) {
  return db.select().from(teams).where(eq(teams.name, name)).get();
}

export function insertTeam(db: Db, values: { name: string; description?: string }, now: Date): Team {
  const row = db
    .insert(teams)
    .values({ id: crypto.randomUUID(), name: values.name, description: values.description ?? null, createdAt: now })
    .returning()
    .get();
  return toTeam(db, row);
}

export function addTeamMember(db: Db, teamId: string, userId: string): void {
  db.insert(teamMembers).values({ teamId, userId }).onConflictDoNothing().run();
}

export function removeTeamMember(db: Db, teamId: string, userId: string): boolean {
  return db.delete(teamMembers).where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId))).run().changes > 0;
}
