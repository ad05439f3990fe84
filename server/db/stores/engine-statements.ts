import { eq, sql } from 'drizzle-orm';
import type { TimelineEventType } from '../../../shared/api/incidents';
import { systemActor } from '../../services/incidents/actor';
import type { Db } from '../client';
import { incidentEscalations, incidentEvents, outgoingPushes, pages } from '../schema/index';

const p = sql.placeholder;

/**
 * The statements the engine runs once per step or page, prepared once per database: under
 * an alert storm thousands of steps fall due together, and building and preparing each
 * query again costs more than running it. Run them inside the caller's transaction.
 */
function prepare(db: Db) {
  return {
    appendEvent: db
      .insert(incidentEvents)
      .values({
        id: p('id'),
        incidentId: p('incidentId'),
        seq: sql`(select coalesce(max(${incidentEvents.seq}), 0) + 1 from ${incidentEvents} where ${incidentEvents.incidentId} = ${p('incidentId')})`,
        type: p('type'),
        at: p('at'),
        actorType: p('actorType'),
        actorId: p('actorId'),
        actorName: p('actorName'),
        data: p('data'),
      })
      .prepare(),
    insertPage: db
      .insert(pages)
      .values({ id: p('id'), incidentId: p('incidentId'), userId: p('userId'), step: p('step'), loop: p('loop'), rule: p('rule'), dueAt: p('dueAt'), state: 'pending' })
      .prepare(),
    insertOutgoing: db
      .insert(outgoingPushes)
      .values({
        id: p('id'),
        pageId: p('pageId'),
        incidentId: p('incidentId'),
        userId: p('userId'),
        subscriptionId: p('subscriptionId'),
        payload: p('payload'),
        urgency: p('urgency'),
        ttlSeconds: p('ttlSeconds'),
        state: 'pending',
        nextAttemptAt: p('at'),
        createdAt: p('at'),
      })
      .prepare(),
    moveEscalation: db
      .update(incidentEscalations)
      // Placeholders in SET bind raw values: the due time goes in as epoch milliseconds.
      .set({ step: sql`${p('step')}`, loop: sql`${p('loop')}`, state: sql`${p('state')}`, nextStepDueAt: sql`${p('nextStepDueMs')}` })
      .where(eq(incidentEscalations.incidentId, p('incidentId')))
      .prepare(),
  };
}

export type EngineStatements = ReturnType<typeof prepare>;

const cache = new WeakMap<Db, EngineStatements>();

export function engineStatements(db: Db): EngineStatements {
  let statements = cache.get(db);
  if (!statements) cache.set(db, (statements = prepare(db)));
  return statements;
}

/** Appends a timeline event written by the engine itself (actor: Muster). */
export function recordSystemEvent(db: Db, incidentId: string, type: TimelineEventType, data: Record<string, unknown>, at: Date): void {
  engineStatements(db).appendEvent.run({
    id: crypto.randomUUID(),
    incidentId,
    type,
    at,
    actorType: systemActor.type,
    actorId: systemActor.id,
    actorName: systemActor.name,
    data,
  });
}
