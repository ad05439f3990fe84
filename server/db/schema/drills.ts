import type { DrillInject } from '../../../shared/domain/drills';
import type { Severity } from '../../../shared/domain/severity';
import type { Columns } from './columns';
import type { accountTables } from './accounts';
import type { serviceTables } from './services';

/** Game-day drills: the scripted scenarios a team practises with. */
export function drillTables(c: Columns, { users }: ReturnType<typeof accountTables>, { services }: ReturnType<typeof serviceTables>) {
  const drillScenarios = c.table(
    'drill_scenarios',
    {
      id: c.text('id').primaryKey(),
      name: c.text('name').notNull(),
      /** A scenario only makes sense against its service, so it goes with it. */
      serviceId: c.text('service_id').notNull().references(() => services.id, { onDelete: 'cascade' }),
      severity: c.text('severity').$type<Severity>().notNull(),
      title: c.text('title').notNull(),
      description: c.text('description').notNull().default(''),
      /** Sorted by afterSeconds when written. */
      injects: c.json('injects').$type<DrillInject[]>().notNull(),
      createdBy: c.text('created_by').references(() => users.id, { onDelete: 'set null' }),
      createdAt: c.timestamp('created_at').notNull(),
      updatedAt: c.timestamp('updated_at').notNull(),
    },
    (t) => [c.index('drill_scenarios_service_idx').on(t.serviceId)],
  );
  return { drillScenarios };
}
