import type { SeverityMapping } from '../../../shared/domain/alert-severity';
import type { Columns } from './columns';
import type { accountTables } from './accounts';
import type { pagingTables } from './paging';

export function serviceTables(c: Columns, { teams }: ReturnType<typeof accountTables>, { escalationPolicies }: ReturnType<typeof pagingTables>) {
  const services = c.table('services', {
    id: c.text('id').primaryKey(),
    name: c.text('name').notNull(),
    description: c.text('description'),
    teamId: c.text('team_id').references(() => teams.id, { onDelete: 'set null' }),
    escalationPolicyId: c.text('escalation_policy_id').references(() => escalationPolicies.id),
    // Only the hash: the key is shown once, when it is made, like an API token.
    integrationKeyHash: c.text('integration_key_hash').notNull().unique(),
    /** Null keeps the default mapping (critical → SEV-1 … info → SEV-4). */
    severityMapping: c.json('severity_mapping').$type<SeverityMapping>(),
    stormThreshold: c.integer('storm_threshold').notNull().default(20),
    /** Set while archived: kept for its incidents, opens no new ones. */
    archivedAt: c.timestamp('archived_at'),
    createdAt: c.timestamp('created_at').notNull(),
  });
  return { services };
}
