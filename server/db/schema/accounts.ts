import type { SignInLinkPurpose } from '../../../shared/api/accounts';
import type { Role } from '../../../shared/api/common';
import type { Columns } from './columns';

export function accountTables(c: Columns) {
  const users = c.table('users', {
    id: c.text('id').primaryKey(),
    email: c.text('email').notNull().unique(),
    name: c.text('name').notNull(),
    role: c.text('role').$type<Role>().notNull(),
    /** Empty until the user has chosen a password through a sign-in link. */
    passwordHash: c.text('password_hash').notNull(),
    active: c.boolean('active').notNull().default(true),
    /** IANA zone the app shows shift times in; null follows the device. */
    timeZone: c.text('time_zone'),
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

  /** One-time links to choose a password (invitation or reset); only a hash of the token is stored. */
  const signInLinks = c.table(
    'sign_in_links',
    {
      tokenHash: c.text('token_hash').primaryKey(),
      userId: c.text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
      purpose: c.text('purpose').$type<SignInLinkPurpose>().notNull(),
      createdAt: c.timestamp('created_at').notNull(),
      expiresAt: c.timestamp('expires_at').notNull(),
    },
    (t) => [c.index('sign_in_links_user_idx').on(t.userId)],
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

  return { users, sessions, apiTokens, signInLinks, teams, teamMembers };
}
