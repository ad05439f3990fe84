import { and, asc, eq, inArray, ne, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { incidentStatuses } from '../../../shared/domain/lifecycle';
import { severities } from '../../../shared/domain/severity';
import { openStatuses } from '../../../shared/domain/triage';
import type { Tx } from '../client';

/** The parts of the incident list that differ by dialect or need more than one table: search, "mine", triage order. */

/** `text` as a LIKE pattern that matches it literally anywhere: `%`, `_` and the escape character lose their meaning. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Case-insensitive LIKE: SQLite's LIKE already is (for ASCII letters); PostgreSQL's needs ILIKE. */
function likeAnywhere(tx: Tx, column: SQL, text: string): SQL {
  const pattern = containsPattern(text);
  return tx.backend === 'postgres' ? sql`${column} ILIKE ${pattern} ESCAPE '\\'` : sql`${column} LIKE ${pattern} ESCAPE '\\'`;
}

/** A JSON column as its text: stored as text on SQLite, jsonb on PostgreSQL. */
const jsonText = (tx: Tx, column: SQLWrapper): SQL => (tx.backend === 'postgres' ? sql`(${column})::text` : sql`${column}`);

/** The incident's title, or any of its alerts' summary or details, contains `q`. */
export function searching(tx: Tx, q: string): SQL {
  const { incidents, alerts } = tx.t;
  const inAlerts = tx
    .select({ id: alerts.incidentId })
    .from(alerts)
    .where(or(likeAnywhere(tx, sql`${alerts.summary}`, q), likeAnywhere(tx, jsonText(tx, alerts.details), q)));
  return or(likeAnywhere(tx, sql`${incidents.title}`, q), inArray(incidents.id, inAlerts))!;
}

/** "Mine": the incident paged this user, or they hold one of its roles (user ids are kept quoted in the roles JSON). */
export function involving(tx: Tx, userId: string): SQL {
  const { incidents, pages } = tx.t;
  const paged = inArray(incidents.id, tx.select({ id: pages.incidentId }).from(pages).where(eq(pages.userId, userId)));
  return or(paged, likeAnywhere(tx, jsonText(tx, incidents.roles), `"${userId}"`))!;
}

/**
 * shared/domain/triage's `triageOrder` in SQL: its band (open real, open drill, resolved), then status, then
 * severity and oldest first while open; resolved newest first.
 */
export function triageOrderBy(tx: Tx): SQL[] {
  const { incidents } = tx.t;
  const rank = <T extends string>(column: SQL, values: readonly T[]) =>
    sql`CASE ${column} ${sql.join(values.map((value, i) => sql`WHEN ${value} THEN ${sql.raw(String(i))}`), sql` `)} END`;
  const open = inArray(incidents.status, openStatuses);
  return [
    sql`CASE WHEN ${open} THEN (CASE WHEN ${incidents.drillId} IS NULL THEN 0 ELSE 1 END) ELSE 2 END`,
    sql`${rank(sql`${incidents.status}`, incidentStatuses)}`,
    sql`CASE WHEN ${open} THEN ${rank(sql`${incidents.severity}`, severities)} ELSE 0 END`,
    sql`CASE WHEN ${open} THEN ${incidents.number} ELSE -${incidents.number} END`,
  ];
}

/**
 * Who the current escalation step of each incident pages, by name, for a page of results in one query (the
 * list's "paging Ada, Bob"). Ask for triggered incidents only: once acknowledged nobody is being paged.
 */
export async function pagingNames(tx: Tx, incidentIds: string[]): Promise<Map<string, string[]>> {
  const names = new Map<string, string[]>();
  if (incidentIds.length === 0) return names;
  const { pages, incidentEscalations, users } = tx.t;
  const rows = await tx
    .selectDistinct({ incidentId: pages.incidentId, name: users.name })
    .from(pages)
    .innerJoin(
      incidentEscalations,
      and(eq(incidentEscalations.incidentId, pages.incidentId), eq(incidentEscalations.step, pages.step), eq(incidentEscalations.loop, pages.loop)),
    )
    .innerJoin(users, eq(users.id, pages.userId))
    .where(and(inArray(pages.incidentId, incidentIds), ne(pages.state, 'cancelled')))
    .orderBy(asc(users.name));
  for (const row of rows) names.set(row.incidentId, [...(names.get(row.incidentId) ?? []), row.name]);
  return names;
}
