import { and, asc, desc, eq, inArray, isNotNull, lte, min, type SQL } from 'drizzle-orm';
import type { Drill } from '../../../shared/api/drills';
import type { DrillStatus } from '../../../shared/domain/drills';
import type { Tx } from '../client';
import { forUpdate } from '../row-locks';
import type { DrillRow, Tables } from '../schema/index';
import { userNames } from './users';

const drillColumns = ({ drills, services, users, incidents }: Tables) => ({
  drill: drills,
  serviceName: services.name,
  createdByName: users.name,
  incidentNumber: incidents.number,
});

type DrillSelection = { drill: DrillRow; serviceName: string; createdByName: string | null; incidentNumber: number | null };

/** When the next inject arrives: only a running drill's due time is one (a scheduled drill's is its start). */
const nextInjectAt = (drill: DrillRow) => (drill.status === 'running' ? (drill.dueAt?.toISOString() ?? null) : null);

/** The one row → API mapper for drills; participants' names come from one lookup for the whole list. */
async function toDrills(tx: Tx, rows: DrillSelection[]): Promise<Drill[]> {
  const names = await userNames(tx, [...new Set(rows.flatMap(({ drill }) => drill.participants ?? []))]);
  return rows.map(({ drill, serviceName, createdByName, incidentNumber }) => ({
    id: drill.id,
    scenarioId: drill.scenarioId,
    name: drill.name,
    serviceId: drill.serviceId,
    serviceName,
    severity: drill.severity,
    title: drill.title,
    description: drill.description,
    injects: drill.injects,
    participants: drill.participants?.map((id) => ({ id, name: names.get(id) ?? 'deleted user' })) ?? null,
    status: drill.status,
    startsAt: drill.startsAt.toISOString(),
    remindMinutesBefore: drill.remindMinutesBefore,
    remindAt: drill.remindAt?.toISOString() ?? null,
    startedAt: drill.startedAt?.toISOString() ?? null,
    endedAt: drill.endedAt?.toISOString() ?? null,
    pausedAt: drill.pausedAt?.toISOString() ?? null,
    incidentId: drill.incidentId,
    incidentNumber,
    injectsDone: drill.injectsDone,
    nextInjectAt: nextInjectAt(drill),
    createdBy: drill.createdBy !== null && createdByName !== null ? { id: drill.createdBy, name: createdByName } : null,
    createdAt: drill.createdAt.toISOString(),
    score: null,
  }));
}

function selectDrills(tx: Tx) {
  const { drills, services, users, incidents } = tx.t;
  return tx
    .select(drillColumns(tx.t))
    .from(drills)
    .innerJoin(services, eq(services.id, drills.serviceId))
    .leftJoin(users, eq(users.id, drills.createdBy))
    .leftJoin(incidents, eq(incidents.id, drills.incidentId));
}

export async function findDrill(tx: Tx, id: string): Promise<Drill | undefined> {
  const rows = await selectDrills(tx).where(eq(tx.t.drills.id, id)).limit(1);
  return (await toDrills(tx, rows))[0];
}

export interface DrillFilter {
  status?: DrillStatus[];
  scenarioId?: string;
}

/** The game-day calendar and history: latest start first. */
export async function listDrills(tx: Tx, filter: DrillFilter = {}): Promise<Drill[]> {
  const { drills } = tx.t;
  const conditions: SQL[] = [];
  if (filter.status) conditions.push(inArray(drills.status, filter.status));
  if (filter.scenarioId) conditions.push(eq(drills.scenarioId, filter.scenarioId));
  const rows = await selectDrills(tx)
    .where(and(...conditions))
    .orderBy(desc(drills.startsAt), desc(drills.createdAt));
  return toDrills(tx, rows);
}

/** `lock`: the facilitator's verbs and the engine decide from the current status, so they hold the row. */
export async function findDrillRow(tx: Tx, id: string, options: { lock?: boolean } = {}): Promise<DrillRow | undefined> {
  const { drills } = tx.t;
  const query = tx.select().from(drills).where(eq(drills.id, id)).limit(1);
  const [row] = await (options.lock ? forUpdate(tx, query) : query);
  return row;
}

export async function insertDrill(tx: Tx, row: DrillRow): Promise<void> {
  await tx.insert(tx.t.drills).values(row);
}

export async function updateDrillRow(tx: Tx, id: string, changes: Partial<Omit<DrillRow, 'id'>>): Promise<void> {
  const { drills } = tx.t;
  await tx.update(drills).set(changes).where(eq(drills.id, id));
}

/** The drill an incident belongs to, locked, when it is one. */
export async function drillOfIncident(tx: Tx, incidentId: string): Promise<DrillRow | undefined> {
  const { drills } = tx.t;
  const [row] = await forUpdate(tx, tx.select().from(drills).where(eq(drills.incidentId, incidentId)).limit(1));
  return row;
}

/** Participant lists of the drills behind these incidents; incidents of no drill, or of a whole-chain drill, are left out. */
export async function drillParticipantsOf(tx: Tx, incidentIds: string[]): Promise<Map<string, string[]>> {
  const { drills, incidents } = tx.t;
  if (incidentIds.length === 0) return new Map();
  // Through the incident's drill id: a drill's incident pages in the transaction that opens it, before the drill row points back.
  const rows = await tx
    .select({ incidentId: incidents.id, participants: drills.participants })
    .from(incidents)
    .innerJoin(drills, eq(drills.id, incidents.drillId))
    .where(and(inArray(incidents.id, incidentIds), isNotNull(drills.participants)));
  return new Map(rows.map((row) => [row.incidentId, row.participants!]));
}

/**
 * Drills the engine must start or move on now, not yet claimed: a running drill's incident must be locked before
 * the drill (the order a resolve takes them in, see finishDrillOfIncident), so each is claimed with claimDueDrill.
 */
export async function dueDrills(tx: Tx, now: Date, limit: number): Promise<Array<Pick<DrillRow, 'id' | 'incidentId'>>> {
  const { drills } = tx.t;
  return tx
    .select({ id: drills.id, incidentId: drills.incidentId })
    .from(drills)
    .where(and(inArray(drills.status, ['scheduled', 'running']), lte(drills.dueAt, now)))
    // A total order: instances locking the same incidents in different orders would deadlock.
    .orderBy(asc(drills.dueAt), asc(drills.id))
    .limit(limit);
}

/** The drill, claimed for this transaction, if it is still due; undefined when another instance holds or has played it. */
export async function claimDueDrill(tx: Tx, id: string, now: Date): Promise<DrillRow | undefined> {
  const { drills } = tx.t;
  const query = tx
    .select()
    .from(drills)
    .where(and(eq(drills.id, id), inArray(drills.status, ['scheduled', 'running']), lte(drills.dueAt, now)))
    .limit(1);
  const [row] = await forUpdate(tx, query, { skipLocked: true });
  return row;
}

/** Scheduled drills whose reminder is due, not yet claimed (see claimDueReminder). */
export async function dueDrillReminders(tx: Tx, now: Date, limit: number): Promise<string[]> {
  const { drills } = tx.t;
  const rows = await tx
    .select({ id: drills.id })
    .from(drills)
    .where(and(eq(drills.status, 'scheduled'), lte(drills.remindAt, now)))
    .orderBy(asc(drills.remindAt), asc(drills.id))
    .limit(limit);
  return rows.map((row) => row.id);
}

/** The drill, claimed for this transaction, if its reminder is still due. */
export async function claimDueReminder(tx: Tx, id: string, now: Date): Promise<DrillRow | undefined> {
  const { drills } = tx.t;
  const query = tx
    .select()
    .from(drills)
    .where(and(eq(drills.id, id), eq(drills.status, 'scheduled'), lte(drills.remindAt, now)))
    .limit(1);
  const [row] = await forUpdate(tx, query, { skipLocked: true });
  return row;
}

/** Puts off whatever of a drill is due (its start or next inject, its reminder) until `until`. */
export async function postponeDrill(tx: Tx, id: string, until: Date): Promise<void> {
  const { drills } = tx.t;
  await tx.update(drills).set({ dueAt: until }).where(and(eq(drills.id, id), isNotNull(drills.dueAt)));
  await tx.update(drills).set({ remindAt: until }).where(and(eq(drills.id, id), isNotNull(drills.remindAt)));
}

/** When the engine next has to act on a drill (start, inject or reminder), for its timer. */
export async function nextDrillDue(tx: Tx): Promise<Date | null> {
  const { drills } = tx.t;
  const [[due], [remind]] = await Promise.all([
    tx.select({ at: min(drills.dueAt) }).from(drills).where(inArray(drills.status, ['scheduled', 'running'])),
    tx.select({ at: min(drills.remindAt) }).from(drills).where(eq(drills.status, 'scheduled')),
  ]);
  const times = [due?.at, remind?.at].filter((at): at is Date => at instanceof Date);
  return times.length ? new Date(Math.min(...times.map((at) => at.getTime()))) : null;
}
