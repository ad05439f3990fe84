import type { DrillInject } from '../../../shared/domain/drills';
import type { Severity } from '../../../shared/domain/severity';
import type { Columns } from './columns';
import type { accountTables } from './accounts';
import type { incidentTables } from './incidents';
import type { serviceTables } from './services';
import type { DrillStatus } from '../../../shared/domain/drills';

/** Game-day drills: the scripted scenarios a team practises with, and each drill run from one. */
export function drillTables(
  c: Columns,
  { users }: ReturnType<typeof accountTables>,
  { services }: ReturnType<typeof serviceTables>,
  { incidents }: ReturnType<typeof incidentTables>,
) {
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

  const drills = c.table(
    'drills',
    {
      id: c.text('id').primaryKey(),
      /** Null once the scenario is deleted: the drill keeps the copy it ran. */
      scenarioId: c.text('scenario_id').references(() => drillScenarios.id, { onDelete: 'set null' }),
      serviceId: c.text('service_id').notNull().references(() => services.id, { onDelete: 'cascade' }),
      /** The scenario as it was when the drill was planned: editing the scenario later changes no drill. */
      name: c.text('name').notNull(),
      severity: c.text('severity').$type<Severity>().notNull(),
      title: c.text('title').notNull(),
      description: c.text('description').notNull().default(''),
      injects: c.json('injects').$type<DrillInject[]>().notNull(),
      /** Only they are paged and told; null pages the policy's chain as it is. */
      participants: c.json('participants').$type<string[]>(),
      status: c.text('status').$type<DrillStatus>().notNull(),
      startsAt: c.timestamp('starts_at').notNull(),
      /** A scheduled drill reminds its participants then; null once sent (or when there is nothing to remind). */
      remindAt: c.timestamp('remind_at'),
      remindMinutesBefore: c.integer('remind_minutes_before').notNull(),
      startedAt: c.timestamp('started_at'),
      endedAt: c.timestamp('ended_at'),
      incidentId: c.text('incident_id').references(() => incidents.id, { onDelete: 'set null' }),
      /** Injects delivered so far (the next one's index). */
      injectsDone: c.integer('injects_done').notNull().default(0),
      /** Pauses push the script later and advances pull it earlier: inject i is due at startedAt + afterSeconds + shiftMs. */
      shiftMs: c.integer('shift_ms').notNull().default(0),
      pausedAt: c.timestamp('paused_at'),
      /** When the engine next has to act on this drill: start it, or deliver its next inject. Null when nothing is due. */
      dueAt: c.timestamp('due_at'),
      createdBy: c.text('created_by').references(() => users.id, { onDelete: 'set null' }),
      createdAt: c.timestamp('created_at').notNull(),
    },
    (t) => [
      c.index('drills_due_idx').on(t.dueAt),
      c.index('drills_remind_idx').on(t.remindAt),
      c.index('drills_scenario_idx').on(t.scenarioId, t.startsAt),
      c.index('drills_starts_idx').on(t.startsAt),
    ],
  );
  return { drillScenarios, drills };
}
