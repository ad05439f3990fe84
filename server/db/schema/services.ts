import { sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { teams } from './accounts';
import { escalationPolicies } from './paging';
import { timestamp } from './columns';

export const services = sqliteTable('services', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  description: text('description'),
  teamId: text('team_id').references(() => teams.id, { onDelete: 'set null' }),
  escalationPolicyId: text('escalation_policy_id').references(() => escalationPolicies.id),
  // Only the hash: the key is shown once, when it is made, like an API token.
  integrationKeyHash: text('integration_key_hash').notNull().unique(),
  createdAt: timestamp('created_at').notNull(),
});
