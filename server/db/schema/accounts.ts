import type { Role } from '../../../shared/api/common';
import type { Columns } from './columns';

export function accountTables(c: Columns) {
  const users = c.table('users', {
    id: c.text('id').primaryKey(),
    email: c.text('email').notNull().unique(),
    name: c.text('name').notNull(),
    role: c.text('role').$type<Role>().notNull(),
    passwordHash: c.text('password_hash').notNull(),
    active: c.boolean('active').notNull().default(true),
    createdAt: c.timestamp('created_at').notNull(),
  });

  /** Only a hash of the cookie value is stored, so a copy of the database logs nobody in. */
  const sessions = c.table(
    'sessions',
    {
      idHash: c.text('id_hash').primaryKey(),
      userId: c.text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
      createdAt: c.timestamp('created_at').notNull(),
      expiresAt: c.timestamp('expires_at').notNull(),
    },
    (t) => [c.index('sessions_user_idx').on(t.userId)],
  );

  const apiTokens = c.table(
    'api_tokens',
    {
      id: c.text('id').primaryKey(),
      userId: c.text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
      name: c.text('name').notNull(),
      tokenHash: c.text('token_hash').notNull().unique(),
      createdAt: c.timestamp('created_at').notNull(),
      lastUsedAt: c.timestamp('last_used_at'),
    },
    (t) => [c.index('api_tokens_user_idx').on(t.userId)],
  );

  const teams = c.table('teams', {
    id: c.text('id').primaryKey(),
    name: c.text('name').notNull().unique(),
    description: c.text('description'),
    createdAt: c.timestamp('created_at').notNull(),
  });

  const teamMembers = c.table(
    'team_members',
    {
      teamId: c.text('team_id').notNull().references(() => teams.id, { onDelete: 'cascade' }),
      userId: c.text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    },
    (t) => [c.primaryKey({ columns: [t.teamId, t.userId] })],
  );

  return { users, sessions, apiTokens, teams, teamMembers };
}
