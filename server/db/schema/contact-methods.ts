import type { ContactMethodType, CreateContactMethodInput } from '../../../shared/api/contact-methods';
import type { Columns } from './columns';
import type { accountTables } from './accounts';

/**
 * What a sender needs, secrets included (access token, webhook secret, the Slack hook's path): the create request
 * as validated. It repeats `type` so that it narrows on its own wherever it is passed.
 */
export type ContactMethodConfig = CreateContactMethodInput;

export function contactMethodTables(c: Columns, { users }: ReturnType<typeof accountTables>) {
  const contactMethods = c.table(
    'contact_methods',
    {
      id: c.text('id').primaryKey(),
      userId: c.text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
      type: c.text('type').$type<ContactMethodType>().notNull(),
      config: c.json('config').$type<ContactMethodConfig>().notNull(),
      verified: c.boolean('verified').notNull(),
      /** Only a hash of the emailed code is kept, so a copy of the database verifies nothing. */
      verificationCodeHash: c.text('verification_code_hash'),
      verificationExpiresAt: c.timestamp('verification_expires_at'),
      /** Wrong codes entered against the current code; enough of them void it, so six digits cannot be guessed. */
      verificationAttempts: c.integer('verification_attempts').notNull().default(0),
      consecutiveFailures: c.integer('consecutive_failures').notNull().default(0),
      lastError: c.text('last_error'),
      lastSuccessAt: c.timestamp('last_success_at'),
      lastFailureAt: c.timestamp('last_failure_at'),
      createdAt: c.timestamp('created_at').notNull(),
    },
    (t) => [c.index('contact_methods_user_idx').on(t.userId)],
  );

  return { contactMethods };
}
