import { and, asc, count, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { ServiceWebhook, WebhookAttempt } from '../../../shared/api/service-webhooks';
import { serviceEventBody, serviceEventOf, type AppendedEvent } from '../../events/service-events';
import type { Tx } from '../client';
import { prepared } from '../prepared';
import type { ServiceWebhookRow, Tables, WebhookAttemptRow } from '../schema/index';

export type { ServiceWebhookRow };

/** The delivery log shows this many attempts per webhook (delivery prunes the rest). */
export const attemptsShown = 50;

function toAttempt(row: WebhookAttemptRow): WebhookAttempt {
  return {
    id: row.id,
    event: row.event,
    incidentId: row.incidentId,
    attempt: row.attempt,
    outcome: row.outcome,
    status: row.status,
    error: row.error,
    durationMs: row.durationMs,
    at: row.at.toISOString(),
  };
}

/** The one mapper to the API: the secret never leaves, only whether there is one. */
export function toServiceWebhook(row: ServiceWebhookRow, attempts: WebhookAttemptRow[]): ServiceWebhook {
  return {
    id: row.id,
    serviceId: row.serviceId,
    url: row.url,
    events: row.events,
    signed: row.secret !== null,
    createdAt: row.createdAt.toISOString(),
    attempts: attempts.map(toAttempt),
  };
}

export async function insertServiceWebhook(tx: Tx, values: Tables['serviceWebhooks']['$inferInsert']): Promise<ServiceWebhookRow> {
  const [row] = await tx.insert(tx.t.serviceWebhooks).values(values).returning();
  return row;
}

export async function countServiceWebhooks(tx: Tx, serviceId: string): Promise<number> {
  const { serviceWebhooks } = tx.t;
  const [row] = await tx.select({ n: count() }).from(serviceWebhooks).where(eq(serviceWebhooks.serviceId, serviceId));
  return Number(row?.n ?? 0);
}

/**
 * A service's webhooks, oldest first, each with its delivery log newest first. Delivery keeps about
 * `attemptsShown` attempts per webhook, so one query reads the logs of all of them.
 */
export async function serviceWebhooksOf(tx: Tx, serviceId: string): Promise<ServiceWebhook[]> {
  const { serviceWebhooks, webhookAttempts } = tx.t;
  const rows = await tx.select().from(serviceWebhooks).where(eq(serviceWebhooks.serviceId, serviceId)).orderBy(asc(serviceWebhooks.createdAt), asc(serviceWebhooks.id));
  if (rows.length === 0) return [];
  const attempts = await tx
    .select()
    .from(webhookAttempts)
    .where(inArray(webhookAttempts.webhookId, rows.map((row) => row.id)))
    .orderBy(desc(webhookAttempts.at), desc(webhookAttempts.id));
  return rows.map((row) => toServiceWebhook(row, attempts.filter((attempt) => attempt.webhookId === row.id).slice(0, attemptsShown)));
}

/** The service's webhook `id`; another service's is not found. */
export async function findServiceWebhook(tx: Tx, serviceId: string, id: string): Promise<ServiceWebhookRow | undefined> {
  const { serviceWebhooks } = tx.t;
  const [row] = await tx
    .select()
    .from(serviceWebhooks)
    .where(and(eq(serviceWebhooks.id, id), eq(serviceWebhooks.serviceId, serviceId)))
    .limit(1);
  return row;
}

/** Its log and its unsent events go with it (foreign keys cascade). */
export async function deleteServiceWebhookRow(tx: Tx, serviceId: string, id: string): Promise<boolean> {
  const { serviceWebhooks } = tx.t;
  const deleted = await tx
    .delete(serviceWebhooks)
    .where(and(eq(serviceWebhooks.id, id), eq(serviceWebhooks.serviceId, serviceId)))
    .returning({ id: serviceWebhooks.id });
  return deleted.length > 0;
}

/** Each webhook of each incident's service, with what its events' bodies say about the incident. */
const webhookTargetColumns = ({ serviceWebhooks, incidents, services }: Tables) => ({
  webhookId: serviceWebhooks.id,
  events: serviceWebhooks.events,
  incidentId: incidents.id,
  number: incidents.number,
  title: incidents.title,
  severity: incidents.severity,
  status: incidents.status,
  serviceId: services.id,
  serviceName: services.name,
});

/**
 * One query for all the incidents concerned. Most timeline events come one at a time (a trigger, an
 * acknowledgement, a note): that query is prepared. A service without webhooks finds no row at once through
 * the webhooks' service index, so the statement costs next to nothing where nobody subscribed.
 * A game-day drill's incident has no targets: service webhooks feed status pages and stakeholder channels,
 * which must never announce a practice outage.
 */
async function webhookTargets(tx: Tx, incidentIds: string[]) {
  const select = (h: Tx, incident: SQL) => {
    const { serviceWebhooks, incidents, services } = h.t;
    return h
      .select(webhookTargetColumns(h.t))
      .from(serviceWebhooks)
      .innerJoin(incidents, eq(incidents.serviceId, serviceWebhooks.serviceId))
      .innerJoin(services, eq(services.id, incidents.serviceId))
      .where(and(incident, isNull(incidents.drillId)));
  };
  if (incidentIds.length === 1) {
    const statement = prepared(tx, 'service_webhooks_of_incident', (h) => select(h, eq(h.t.incidents.id, sql.placeholder('incidentId'))));
    return statement.execute({ incidentId: incidentIds[0] });
  }
  return select(tx, inArray(tx.t.incidents.id, incidentIds));
}

/**
 * Queues the service events that timeline events make, one outbox row per subscribed webhook, in the
 * transaction that wrote them: an event is sent if and only if it happened. Called by the timeline's writers
 * (`appendEvent`, `appendEvents`) with the sequence numbers the events took, which delivery sends in order.
 */
export async function enqueueServiceEvents(tx: Tx, appended: AppendedEvent[]): Promise<void> {
  const mapped = appended.flatMap((event) => {
    const type = serviceEventOf(event);
    return type ? [{ event, type }] : [];
  });
  if (mapped.length === 0) return;
  const targets = await webhookTargets(tx, [...new Set(mapped.map(({ event }) => event.incidentId))]);
  if (targets.length === 0) return;
  const messages = mapped.flatMap(({ event, type }) =>
    targets
      .filter((target) => target.incidentId === event.incidentId && target.events.includes(type))
      .map((target) => {
        const id = crypto.randomUUID();
        const { incidentId, number, title, severity, status, serviceId, serviceName } = target;
        const body = serviceEventBody(id, type, event, { id: incidentId, number, title, severity, status, service: { id: serviceId, name: serviceName } });
        return {
          id,
          kind: 'event' as const,
          incidentId,
          webhookId: target.webhookId,
          seq: event.seq,
          payload: JSON.stringify(body),
          state: 'pending' as const,
          attempts: 0,
          nextAttemptAt: event.at,
          createdAt: event.at,
          pageId: null,
          userId: null,
          contactMethodId: null,
        };
      }),
  );
  if (messages.length > 0) await tx.insert(tx.t.outgoingMessages).values(messages);
}
