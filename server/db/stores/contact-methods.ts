import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { ContactMethod } from '../../../shared/api/contact-methods';
import type { Tx } from '../client';
import { forUpdate } from '../row-locks';
import type { ContactMethodConfig } from '../schema/contact-methods';
import type { ContactMethodRow, Tables } from '../schema/index';

export type { ContactMethodConfig, ContactMethodRow };

/** One failure is a blip (a restarting ntfy server); this many in a row means the owner should look. */
export const failingAfterConsecutiveFailures = 3;

/** Says which method it is without its secrets: an ntfy token, a webhook secret, or a Slack hook's path. */
function summaryOf(config: ContactMethodConfig): string {
  switch (config.type) {
    case 'email':
      return config.address;
    case 'ntfy':
      return `${new URL(config.serverUrl).host} · ${config.topic}`;
    case 'webhook':
      return new URL(config.url).host;
    case 'slack':
      return new URL(config.webhookUrl).host;
  }
}

export function toContactMethod(row: ContactMethodRow): ContactMethod {
  return {
    id: row.id,
    userId: row.userId,
    type: row.type,
    summary: summaryOf(row.config),
    verified: row.verified,
    failing: row.consecutiveFailures >= failingAfterConsecutiveFailures,
    lastError: row.lastError,
    lastSuccessAt: row.lastSuccessAt?.toISOString() ?? null,
    lastFailureAt: row.lastFailureAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

const userMethod = ({ contactMethods }: Tables, userId: string, id: string) => and(eq(contactMethods.id, id), eq(contactMethods.userId, userId));

export async function insertContactMethod(tx: Tx, row: Tables['contactMethods']['$inferInsert']): Promise<ContactMethodRow> {
  const [inserted] = await tx.insert(tx.t.contactMethods).values(row).returning();
  return inserted;
}

export async function contactMethodsOf(tx: Tx, userId: string): Promise<ContactMethodRow[]> {
  const { contactMethods } = tx.t;
  return tx.select().from(contactMethods).where(eq(contactMethods.userId, userId)).orderBy(asc(contactMethods.createdAt), asc(contactMethods.id));
}

/** Methods by id, whoever they belong to: for the engine, which checks the owner against the page. */
export async function contactMethodsByIds(tx: Tx, ids: string[]): Promise<Map<string, ContactMethodRow>> {
  if (ids.length === 0) return new Map();
  const { contactMethods } = tx.t;
  const rows = await tx.select().from(contactMethods).where(inArray(contactMethods.id, ids));
  return new Map(rows.map((row) => [row.id, row]));
}

/** The user's method `id`; another user's is not found, so ids cannot be probed across accounts. */
export async function findContactMethod(tx: Tx, userId: string, id: string): Promise<ContactMethodRow | undefined> {
  const { contactMethods } = tx.t;
  const [row] = await tx.select().from(contactMethods).where(userMethod(tx.t, userId, id)).limit(1);
  return row;
}

/** Like `findContactMethod`, locked until the transaction ends, so concurrent code guesses are counted one by one. */
export async function lockContactMethod(tx: Tx, userId: string, id: string): Promise<ContactMethodRow | undefined> {
  const { contactMethods } = tx.t;
  const [row] = await forUpdate(tx, tx.select().from(contactMethods).where(userMethod(tx.t, userId, id)).limit(1));
  return row;
}

export async function deleteContactMethodRow(tx: Tx, userId: string, id: string): Promise<boolean> {
  const { contactMethods } = tx.t;
  const deleted = await tx
    .delete(contactMethods)
    .where(userMethod(tx.t, userId, id))
    .returning({ id: contactMethods.id });
  return deleted.length > 0;
}

/** The code is spent: it is forgotten with its expiry and the count of wrong tries. */
export async function markContactMethodVerified(tx: Tx, id: string): Promise<ContactMethodRow> {
  const { contactMethods } = tx.t;
  const [row] = await tx
    .update(contactMethods)
    .set({ verified: true, verificationCodeHash: null, verificationExpiresAt: null, verificationAttempts: 0 })
    .where(eq(contactMethods.id, id))
    .returning();
  return row;
}

/** Counts one wrong code; returns how many have been entered against the current code. */
export async function countWrongCode(tx: Tx, id: string): Promise<number> {
  const { contactMethods } = tx.t;
  const [row] = await tx
    .update(contactMethods)
    .set({ verificationAttempts: sql`${contactMethods.verificationAttempts} + 1` })
    .where(eq(contactMethods.id, id))
    .returning({ attempts: contactMethods.verificationAttempts });
  return row.attempts;
}

/** A delivery (a page or a test) went through: the run of failures is over. */
export async function recordContactSuccess(tx: Tx, id: string, now: Date): Promise<ContactMethodRow | undefined> {
  const { contactMethods } = tx.t;
  const [row] = await tx.update(contactMethods).set({ consecutiveFailures: 0, lastSuccessAt: now }).where(eq(contactMethods.id, id)).returning();
  return row;
}

/** A delivery failed; `error` stays as the last one until the next failure replaces it. */
export async function recordContactFailure(tx: Tx, id: string, error: string, now: Date): Promise<ContactMethodRow | undefined> {
  const { contactMethods } = tx.t;
  const [row] = await tx
    .update(contactMethods)
    .set({ consecutiveFailures: sql`${contactMethods.consecutiveFailures} + 1`, lastError: error, lastFailureAt: now })
    .where(eq(contactMethods.id, id))
    .returning();
  return row;
}
