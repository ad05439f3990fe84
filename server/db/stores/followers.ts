import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../client';
import type { ContactMethodRow } from '../schema/index';

/** One person following an incident, directly or through its service (direct wins when both). */
export interface FollowerRow {
  userId: string;
  name: string;
  viaService: boolean;
  viaContactMethods: boolean;
}

export async function followIncidentRow(tx: Tx, incidentId: string, userId: string, viaContactMethods: boolean, now: Date): Promise<void> {
  const { incidentFollowers } = tx.t;
  await tx
    .insert(incidentFollowers)
    .values({ incidentId, userId, viaContactMethods, createdAt: now })
    .onConflictDoUpdate({ target: [incidentFollowers.incidentId, incidentFollowers.userId], set: { viaContactMethods } });
}

export async function unfollowIncidentRow(tx: Tx, incidentId: string, userId: string): Promise<void> {
  const { incidentFollowers } = tx.t;
  await tx.delete(incidentFollowers).where(and(eq(incidentFollowers.incidentId, incidentId), eq(incidentFollowers.userId, userId)));
}

export async function followServiceRow(tx: Tx, serviceId: string, userId: string, viaContactMethods: boolean, now: Date): Promise<void> {
  const { serviceFollowers } = tx.t;
  await tx
    .insert(serviceFollowers)
    .values({ serviceId, userId, viaContactMethods, createdAt: now })
    .onConflictDoUpdate({ target: [serviceFollowers.serviceId, serviceFollowers.userId], set: { viaContactMethods } });
}

export async function unfollowServiceRow(tx: Tx, serviceId: string, userId: string): Promise<void> {
  const { serviceFollowers } = tx.t;
  await tx.delete(serviceFollowers).where(and(eq(serviceFollowers.serviceId, serviceId), eq(serviceFollowers.userId, userId)));
}

/** The caller's follow row for a service, if any. */
export async function serviceFollow(tx: Tx, serviceId: string, userId: string): Promise<{ viaContactMethods: boolean } | undefined> {
  const { serviceFollowers } = tx.t;
  const [row] = await tx
    .select({ viaContactMethods: serviceFollowers.viaContactMethods })
    .from(serviceFollowers)
    .where(and(eq(serviceFollowers.serviceId, serviceId), eq(serviceFollowers.userId, userId)))
    .limit(1);
  return row;
}

/** Everyone following the incident or its service, by name. */
export async function followersOf(tx: Tx, incidentId: string, serviceId: string): Promise<FollowerRow[]> {
  const { incidentFollowers, serviceFollowers, users } = tx.t;
  const direct = await tx
    .select({ userId: users.id, name: users.name, viaContactMethods: incidentFollowers.viaContactMethods })
    .from(incidentFollowers)
    .innerJoin(users, eq(users.id, incidentFollowers.userId))
    .where(eq(incidentFollowers.incidentId, incidentId));
  const viaService = await tx
    .select({ userId: users.id, name: users.name, viaContactMethods: serviceFollowers.viaContactMethods })
    .from(serviceFollowers)
    .innerJoin(users, eq(users.id, serviceFollowers.userId))
    .where(eq(serviceFollowers.serviceId, serviceId))
    .orderBy(asc(users.name));
  const followers = new Map<string, FollowerRow>();
  for (const row of viaService) followers.set(row.userId, { ...row, viaService: true });
  for (const row of direct) {
    const service = followers.get(row.userId);
    followers.set(row.userId, { ...row, viaService: false, viaContactMethods: row.viaContactMethods || (service?.viaContactMethods ?? false) });
  }
  return [...followers.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Users paged for the incident (a page that went out), who count as part of its response. */
export async function pagedUsersOf(tx: Tx, incidentId: string): Promise<string[]> {
  const { pages } = tx.t;
  const rows = await tx
    .selectDistinct({ userId: pages.userId })
    .from(pages)
    .where(and(eq(pages.incidentId, incidentId), eq(pages.state, 'done')));
  return rows.map((row) => row.userId);
}

/** The verified contact methods of these users: where followers who asked for it get updates too. */
export async function verifiedContactMethodsOf(tx: Tx, userIds: string[]): Promise<ContactMethodRow[]> {
  if (userIds.length === 0) return [];
  const { contactMethods } = tx.t;
  return tx
    .select()
    .from(contactMethods)
    .where(and(inArray(contactMethods.userId, userIds), eq(contactMethods.verified, true)));
}
