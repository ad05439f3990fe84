import { and, asc, eq, inArray } from 'drizzle-orm';
import type { ActionItem, ActionItemAcrossIncidents, LinkedIncident } from '../../../shared/api/review';
import type { ActionItemStatus, IncidentLinkKind, ReviewContent } from '../../../shared/domain/review';
import type { Tx } from '../client';
import { forUpdate } from '../row-locks';
import type { ReviewRow } from '../schema/index';

export async function findReview(tx: Tx, incidentId: string, options: { lock?: boolean } = {}): Promise<(ReviewRow & { updatedByName: string | null }) | undefined> {
  const { reviews, users } = tx.t;
  const query = tx
    .select({ review: reviews, updatedByName: users.name })
    .from(reviews)
    .leftJoin(users, eq(users.id, reviews.updatedBy))
    .where(eq(reviews.incidentId, incidentId))
    .limit(1);
  const [row] = await (options.lock ? forUpdate(tx, query, { of: reviews }) : query);
  return row && { ...row.review, updatedByName: row.updatedByName };
}

export async function upsertReview(tx: Tx, incidentId: string, values: { content: ReviewContent; updatedAt: Date; updatedBy: string | null }): Promise<void> {
  const { reviews } = tx.t;
  await tx
    .insert(reviews)
    .values({ incidentId, ...values })
    .onConflictDoUpdate({ target: reviews.incidentId, set: values });
}

export async function setReviewCompletedAt(tx: Tx, incidentId: string, completedAt: Date | null, now: Date, by: string | null): Promise<void> {
  const { reviews } = tx.t;
  const [row] = await tx.update(reviews).set({ completedAt }).where(eq(reviews.incidentId, incidentId)).returning({ id: reviews.incidentId });
  if (!row) await tx.insert(reviews).values({ incidentId, content: emptyContent(), updatedAt: now, updatedBy: by, completedAt });
}

const emptyContent = (): ReviewContent => ({ summary: '', usersAffected: '', highlights: [], contributingFactors: [], wentWell: '', wasHard: '' });

const itemColumns = ({ actionItems, users }: Tx['t']) => ({ item: actionItems, ownerName: users.name });

type ItemRow = { item: Tx['t']['actionItems']['$inferSelect']; ownerName: string | null };

function toActionItem({ item, ownerName }: ItemRow): ActionItem {
  return { id: item.id, title: item.title, ownerId: item.ownerId, ownerName, dueDate: item.dueDate, status: item.status };
}

export async function actionItemsOf(tx: Tx, incidentId: string): Promise<ActionItem[]> {
  const { actionItems, users } = tx.t;
  const rows = await tx
    .select(itemColumns(tx.t))
    .from(actionItems)
    .leftJoin(users, eq(users.id, actionItems.ownerId))
    .where(eq(actionItems.incidentId, incidentId))
    .orderBy(asc(actionItems.position), asc(actionItems.createdAt));
  return rows.map(toActionItem);
}

export async function actionItemIdsOf(tx: Tx, incidentId: string): Promise<string[]> {
  const { actionItems } = tx.t;
  return (await tx.select({ id: actionItems.id }).from(actionItems).where(eq(actionItems.incidentId, incidentId))).map((row) => row.id);
}

export interface ActionItemValues {
  title: string;
  ownerId: string | null;
  dueDate: string | null;
  status: ActionItemStatus;
  position: number;
}

export async function insertActionItem(tx: Tx, values: ActionItemValues & { id: string; incidentId: string; now: Date }): Promise<void> {
  const { now, ...rest } = values;
  await tx.insert(tx.t.actionItems).values({ ...rest, createdAt: now, updatedAt: now });
}

export async function updateActionItem(tx: Tx, id: string, changes: Partial<ActionItemValues> & { updatedAt: Date }): Promise<void> {
  const { actionItems } = tx.t;
  await tx.update(actionItems).set(changes).where(eq(actionItems.id, id));
}

export async function deleteActionItems(tx: Tx, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const { actionItems } = tx.t;
  await tx.delete(actionItems).where(inArray(actionItems.id, ids));
}

/** Every action item with its incident, unsorted: the caller orders them by the shared overdue rule. */
export async function listActionItems(tx: Tx, filter: { status?: ActionItemStatus; id?: string }): Promise<Array<Omit<ActionItemAcrossIncidents, 'overdue'>>> {
  const { actionItems, users, incidents } = tx.t;
  const conditions = [];
  if (filter.status) conditions.push(eq(actionItems.status, filter.status));
  if (filter.id) conditions.push(eq(actionItems.id, filter.id));
  const rows = await tx
    .select({ ...itemColumns(tx.t), incidentNumber: incidents.number, incidentTitle: incidents.title })
    .from(actionItems)
    .innerJoin(incidents, eq(incidents.id, actionItems.incidentId))
    .leftJoin(users, eq(users.id, actionItems.ownerId))
    .where(and(...conditions))
    .orderBy(asc(incidents.number), asc(actionItems.position));
  return rows.map((row) => ({ ...toActionItem(row), incidentId: row.item.incidentId, incidentNumber: row.incidentNumber, incidentTitle: row.incidentTitle }));
}

export async function linkedIncidentsOf(tx: Tx, incidentId: string): Promise<LinkedIncident[]> {
  const { incidentLinks, incidents } = tx.t;
  const rows = await tx
    .select({ id: incidents.id, number: incidents.number, title: incidents.title, status: incidents.status, kind: incidentLinks.kind })
    .from(incidentLinks)
    .innerJoin(incidents, eq(incidents.id, incidentLinks.linkedId))
    .where(eq(incidentLinks.incidentId, incidentId))
    .orderBy(asc(incidents.number));
  return rows;
}

export async function findLink(tx: Tx, incidentId: string, linkedId: string): Promise<{ kind: IncidentLinkKind } | undefined> {
  const { incidentLinks } = tx.t;
  const [row] = await tx
    .select({ kind: incidentLinks.kind })
    .from(incidentLinks)
    .where(and(eq(incidentLinks.incidentId, incidentId), eq(incidentLinks.linkedId, linkedId)))
    .limit(1);
  return row;
}

/** Stores the link in both directions (or changes its kind), so either incident lists the other. */
export async function upsertLink(tx: Tx, a: string, b: string, kind: IncidentLinkKind, now: Date, by: string | null): Promise<void> {
  const { incidentLinks } = tx.t;
  for (const [incidentId, linkedId] of [[a, b], [b, a]]) {
    await tx
      .insert(incidentLinks)
      .values({ incidentId, linkedId, kind, createdAt: now, createdBy: by })
      .onConflictDoUpdate({ target: [incidentLinks.incidentId, incidentLinks.linkedId], set: { kind } });
  }
}

export async function deleteLink(tx: Tx, a: string, b: string): Promise<void> {
  const { incidentLinks } = tx.t;
  await tx.delete(incidentLinks).where(and(eq(incidentLinks.incidentId, a), eq(incidentLinks.linkedId, b)));
  await tx.delete(incidentLinks).where(and(eq(incidentLinks.incidentId, b), eq(incidentLinks.linkedId, a)));
}

export async function findIncidentIdByNumber(tx: Tx, number: number): Promise<string | undefined> {
  const { incidents } = tx.t;
  const [row] = await tx.select({ id: incidents.id }).from(incidents).where(eq(incidents.number, number)).limit(1);
  return row?.id;
}
