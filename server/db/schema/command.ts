import type { ReviewContent } from '../../../shared/domain/review';
import type { ActionItemStatus, IncidentLinkKind } from '../../../shared/domain/review';
import type { Columns } from './columns';
import type { accountTables } from './accounts';
import type { incidentTables } from './incidents';
import type { serviceTables } from './services';

/** What running an incident records beyond its status: followers, runbooks, reviews, action items, links. */
export function commandTables(
  c: Columns,
  { users }: ReturnType<typeof accountTables>,
  { services }: ReturnType<typeof serviceTables>,
  { incidents }: ReturnType<typeof incidentTables>,
) {
  /** People who receive an incident's status updates. */
  const incidentFollowers = c.table(
    'incident_followers',
    {
      incidentId: c.text('incident_id').notNull().references(() => incidents.id, { onDelete: 'cascade' }),
      userId: c.text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
      /** Also send status updates to the follower's verified contact methods, not only by push. */
      viaContactMethods: c.boolean('via_contact_methods').notNull().default(false),
      createdAt: c.timestamp('created_at').notNull(),
    },
    (t) => [c.primaryKey({ columns: [t.incidentId, t.userId] }), c.index('incident_followers_user_idx').on(t.userId)],
  );

  /** Stakeholders following every incident of a service. */
  const serviceFollowers = c.table(
    'service_followers',
    {
      serviceId: c.text('service_id').notNull().references(() => services.id, { onDelete: 'cascade' }),
      userId: c.text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
      viaContactMethods: c.boolean('via_contact_methods').notNull().default(false),
      createdAt: c.timestamp('created_at').notNull(),
    },
    (t) => [c.primaryKey({ columns: [t.serviceId, t.userId] }), c.index('service_followers_user_idx').on(t.userId)],
  );

  /** A service's runbook in Markdown; `alertClass` '' is the service's own, others apply to alerts of that class. */
  const runbooks = c.table(
    'runbooks',
    {
      serviceId: c.text('service_id').notNull().references(() => services.id, { onDelete: 'cascade' }),
      alertClass: c.text('alert_class').notNull().default(''),
      markdown: c.text('markdown').notNull(),
      updatedAt: c.timestamp('updated_at').notNull(),
      updatedBy: c.text('updated_by').references(() => users.id, { onDelete: 'set null' }),
    },
    (t) => [c.primaryKey({ columns: [t.serviceId, t.alertClass] })],
  );

  /** A runbook step (its `- [ ]` item, by index) ticked on one incident. */
  const runbookSteps = c.table(
    'runbook_steps',
    {
      incidentId: c.text('incident_id').notNull().references(() => incidents.id, { onDelete: 'cascade' }),
      index: c.integer('step_index').notNull(),
      done: c.boolean('done').notNull(),
      byUserId: c.text('by_user_id').references(() => users.id, { onDelete: 'set null' }),
      at: c.timestamp('at').notNull(),
    },
    (t) => [c.primaryKey({ columns: [t.incidentId, t.index] })],
  );

  /** The blameless post-incident review: one per incident. */
  const reviews = c.table('reviews', {
    incidentId: c.text('incident_id').primaryKey().references(() => incidents.id, { onDelete: 'cascade' }),
    content: c.json('content').$type<ReviewContent>().notNull(),
    updatedAt: c.timestamp('updated_at').notNull(),
    updatedBy: c.text('updated_by').references(() => users.id, { onDelete: 'set null' }),
    completedAt: c.timestamp('completed_at'),
  });

  const actionItems = c.table(
    'action_items',
    {
      id: c.text('id').primaryKey(),
      incidentId: c.text('incident_id').notNull().references(() => incidents.id, { onDelete: 'cascade' }),
      title: c.text('title').notNull(),
      ownerId: c.text('owner_id').references(() => users.id, { onDelete: 'set null' }),
      /** A calendar day, YYYY-MM-DD. */
      dueDate: c.text('due_date'),
      status: c.text('status').$type<ActionItemStatus>().notNull(),
      position: c.integer('position').notNull(),
      createdAt: c.timestamp('created_at').notNull(),
      updatedAt: c.timestamp('updated_at').notNull(),
    },
    (t) => [c.index('action_items_incident_idx').on(t.incidentId, t.position), c.index('action_items_status_idx').on(t.status, t.dueDate)],
  );

  /** Linked incidents, one row per direction so either side lists the other. */
  const incidentLinks = c.table(
    'incident_links',
    {
      incidentId: c.text('incident_id').notNull().references(() => incidents.id, { onDelete: 'cascade' }),
      linkedId: c.text('linked_id').notNull().references(() => incidents.id, { onDelete: 'cascade' }),
      kind: c.text('kind').$type<IncidentLinkKind>().notNull(),
      createdAt: c.timestamp('created_at').notNull(),
      createdBy: c.text('created_by').references(() => users.id, { onDelete: 'set null' }),
    },
    (t) => [c.primaryKey({ columns: [t.incidentId, t.linkedId] })],
  );

  return { incidentFollowers, serviceFollowers, runbooks, runbookSteps, reviews, actionItems, incidentLinks };
}
