import { isOpen, isPaging } from '../../shared/domain/lifecycle';
import { directPageStep } from '../db/stores/direct-pages';
import { directPageReason } from './page-now';
import { pageTtlSeconds } from '../../shared/domain/escalation';
import type { Clock } from '../clock';
import type { Db } from '../db/client';
import { duePages, insertOutgoingPushes, markPagesDone, pagingContexts, type NewOutgoingPush } from '../db/stores/engine';
import { contactMethodsByIds } from '../db/stores/contact-methods';
import { insertOutgoingMessages, type NewOutgoingMessage } from '../db/stores/outgoing-messages';
import { subscriptionsOfUsers } from '../db/stores/push-subscriptions';
import { rulesOfUsers } from '../db/stores/notification-rules';
import type { StoredPage } from '../channels/send-page';
import { contactMethodLabels } from '../../shared/domain/contact-methods';
import { userNames } from '../db/stores/users';
import { urgencyFor, type QueuedPage } from '../push/page-payload';
import { appendEvents, type NewTimelineEvent } from '../db/stores/incidents';
import { systemEvent } from './system-events';

const batchSize = 500;

export interface NotifyContext {
  /** Base for the link in the payload; relative when unset (the app resolves it). */
  publicUrl?: string;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

/**
 * Engine module: each due page becomes one outgoing push per registered device of its user, or one message to
 * the contact method its rule names (the outbox). Nothing is sent here; delivery sends after this commits. One
 * batch per run: under a storm the engine runs again at once, escalating what fell due first.
 */
export async function runNotifications(db: Db, clock: Clock, ctx: NotifyContext): Promise<{ touched: string[]; more: boolean }> {
  const touched = new Set<string>();
  const now = clock.now();
  const count = await db.transaction(async (tx) => {
    const due = await duePages(tx, now, batchSize);
    const userIds = [...new Set(due.map((page) => page.userId))];
    const devices = groupBy(await subscriptionsOfUsers(tx, userIds), (sub) => sub.userId);
    const names = await userNames(tx, userIds);
    const incidents = await pagingContexts(tx, [...new Set(due.map((page) => page.incidentId))]);
    const methods = await contactMethodsByIds(tx, [...new Set(due.flatMap((page) => (page.contactMethodId ? [page.contactMethodId] : [])))]);
    // The rules as they are now only word the timeline: "no registered devices" is said once per step, at the
    // user's first push rule, and a page at a later delay reads as a re-page.
    const rulesNow = await rulesOfUsers(tx, userIds);
    const firstPushRule = new Map([...rulesNow].map(([userId, rules]) => [userId, rules.findIndex((rule) => rule.method === 'push')]));
    const outgoing: NewOutgoingPush[] = [];
    const messages: NewOutgoingMessage[] = [];
    // Written with the pushes, in one statement for the batch.
    const events: NewTimelineEvent[] = [];
    const event = (incidentId: string, type: NewTimelineEvent['type'], data: Record<string, unknown>) =>
      events.push(systemEvent(incidentId, type, data, now));
    for (const [incidentId, incidentPages] of groupBy(due, (page) => page.incidentId)) {
      const incident = incidents.get(incidentId);
      if (!incident || !isOpen(incident.status)) continue;
      const nextStepAt: Date | null = incident.nextStepDueAt;
      const ttlSeconds = pageTtlSeconds(nextStepAt ? (nextStepAt.getTime() - now.getTime()) / 1000 : null);
      const stored: StoredPage = {
        incidentId,
        number: incident.number,
        title: incident.title,
        severity: incident.severity,
        service: incident.serviceName,
        drill: incident.drillId !== null,
        incidentUrl: `${ctx.publicUrl ?? ''}/incidents/${incidentId}`,
      };
      for (const page of incidentPages) {
        // Acknowledging stops the escalation's pages; a direct page (an added responder) is wanted whatever the status.
        if (!isPaging(incident.status) && page.step !== directPageStep) continue;
        const userName = names.get(page.userId) ?? 'unknown user';
        const repage = (rulesNow.get(page.userId)?.[page.rule]?.delaySeconds ?? page.rule) > 0;
        if (page.method === 'contact') {
          const method = page.contactMethodId ? methods.get(page.contactMethodId) : undefined;
          if (!method || method.userId !== page.userId || !method.verified) {
            event(incidentId, 'page_failed', { userId: page.userId, user: userName, channel: 'contact method', reason: 'the contact method was removed' });
            continue;
          }
          messages.push({ id: crypto.randomUUID(), kind: 'page', incidentId, pageId: page.id, userId: page.userId, contactMethodId: method.id, payload: JSON.stringify(stored) });
          event(incidentId, 'paged', { userId: page.userId, user: userName, channel: contactMethodLabels[method.type], repage });
          continue;
        }
        const userDevices = devices.get(page.userId) ?? [];
        if (userDevices.length === 0) {
          if (page.rule === firstPushRule.get(page.userId)) {
            event(incidentId, 'user_unreachable', { userId: page.userId, user: userName, step: page.step + 1, reason: 'no registered devices' });
          }
          continue;
        }
        const { incidentUrl: url, ...about } = stored;
        const queued: QueuedPage = { type: 'page', ...about, url, ...(page.step === directPageStep && { reason: directPageReason(incident, page.userId) }) };
        const payload = JSON.stringify(queued);
        for (const device of userDevices) {
          outgoing.push({
            id: crypto.randomUUID(),
            pageId: page.id,
            incidentId,
            userId: page.userId,
            subscriptionId: device.id,
            payload,
            urgency: urgencyFor(incident.severity),
            ttlSeconds,
          });
        }
        event(incidentId, 'paged', { userId: page.userId, user: userName, channel: 'push', devices: userDevices.length, repage });
      }
      touched.add(incidentId);
    }
    await insertOutgoingPushes(tx, outgoing, now);
    await insertOutgoingMessages(tx, messages, now);
    await appendEvents(tx, events);
    await markPagesDone(tx, due.map((page) => page.id));
    return due.length;
  });
  return { touched: [...touched], more: count === batchSize };
}
