import { signPageToken } from '../auth/page-token';
import type { Clock } from '../clock';
import type { Db } from '../db/client';
import type { SubscriptionRow } from '../db/schema/index';
import { claimDuePushes, pageHasLivePush, updateOutgoing, type OutgoingPushRow } from '../db/stores/engine';
import { deleteSubscription, markSubscriptionResult } from '../db/stores/push-subscriptions';
import { userNames } from '../db/stores/users';
import type { Severity } from '../../shared/domain/severity';
import { pageMessage, urgencyFor } from '../push/page-payload';
import { maxDeliveryAttempts, retryDelayMs } from '../push/retry-policy';
import type { PushOutcome, PushSender } from '../push/sender';
import { OutboxWorker } from './outbox-worker';
import { recordSystemEvent } from './system-events';

export function deviceName(sub: Pick<SubscriptionRow, 'label' | 'endpoint'>): string {
  return sub.label ?? new URL(sub.endpoint).host;
}

/**
 * Engine module: sends claimed pushes outside any transaction, then records each result.
 * Sends run concurrently up to a limit; `settled()` waits for those in flight.
 */
type ClaimedPush = { push: OutgoingPushRow; device: SubscriptionRow | null; severity: Severity | null };

export class Delivery extends OutboxWorker<ClaimedPush> {
  constructor(
    db: Db,
    private readonly clock: Clock,
    private readonly sender: PushSender,
    private readonly tokenKey: Buffer,
    instanceId: string,
    private readonly onRecorded: (incidentId: string) => void,
    maxInFlight = 64,
  ) {
    super(db, instanceId, maxInFlight);
  }

  protected claim(room: number, now: Date) {
    return this.db.transaction((tx) => claimDuePushes(tx, this.instanceId, now, room));
  }

  protected async deliver({ push, device, severity }: ClaimedPush): Promise<void> {
    const sub = device ?? undefined;
    const outcome: PushOutcome = sub
      ? await this.sender.send(
          { endpoint: sub.endpoint, keys: { p256dh: sub.p256dh, auth: sub.auth } },
          this.message(push),
          // A page rings as urgently as the incident's severity is now (raised to SEV-1 since it was queued: high); a notice
          // keeps its own. Only pages share the incident's topic: a notice with it would replace a page still queued.
          { ttlSeconds: push.ttlSeconds, urgency: push.pageId && severity ? urgencyFor(severity) : push.urgency, topic: push.pageId ? push.incidentId?.replaceAll('-', '').slice(0, 32) : undefined },
        )
      : { kind: 'gone', status: 410 };
    await this.record(push, sub, outcome);
    if (push.incidentId) this.onRecorded(push.incidentId);
  }

  private message(push: OutgoingPushRow): string {
    if (!push.pageId || !push.incidentId) return push.payload;
    const ackToken = signPageToken(this.tokenKey, { incidentId: push.incidentId, userId: push.userId }, this.clock.now());
    return pageMessage(push.payload, ackToken);
  }

  private async record(push: OutgoingPushRow, sub: SubscriptionRow | undefined, outcome: PushOutcome): Promise<void> {
    const now = this.clock.now();
    const attempts = push.attempts + 1;
    await this.db.transaction(async (tx) => {
      const user = (await userNames(tx, [push.userId])).get(push.userId) ?? 'unknown user';
      const device = sub ? deviceName(sub) : 'a removed device';
      const event = async (type: 'page_delivered' | 'page_failed' | 'device_removed', data: Record<string, unknown> = {}) => {
        // Notices (no page) stay off the timeline: it records pages, and the update itself is already there.
        if (push.incidentId && push.pageId) await recordSystemEvent(tx, push.incidentId, type, { userId: push.userId, user, device, ...data }, now);
      };
      const giveUp = async (reason: string) => {
        await updateOutgoing(tx, push.id, { state: 'failed', attempts, lastError: reason });
        if (sub) await markSubscriptionResult(tx, sub.id, false, now);
        await event('page_failed', { reason });
        if (push.pageId && push.incidentId && !(await pageHasLivePush(tx, push.pageId))) {
          await recordSystemEvent(tx, push.incidentId, 'user_unreachable', { userId: push.userId, user, reason: 'no device accepted the page' }, now);
        }
      };
      switch (outcome.kind) {
        case 'delivered':
          await updateOutgoing(tx, push.id, { state: 'sent', attempts, sentAt: now, lastError: null });
          if (sub) await markSubscriptionResult(tx, sub.id, true, now);
          await event('page_delivered');
          return;
        case 'gone':
          if (sub) {
            await deleteSubscription(tx, sub.id);
            await event('device_removed', { status: outcome.status });
          }
          await giveUp(`the push service no longer knows this device (HTTP ${outcome.status})`);
          return;
        case 'rate_limited':
        case 'retryable': {
          // 429s count as attempts too, so a device that always refuses cannot be retried forever.
          const error = outcome.kind === 'rate_limited' ? 'rate limited by the push service (429)' : outcome.error;
          if (attempts >= maxDeliveryAttempts) return giveUp(error);
          const delay = outcome.retryAfterMs ?? retryDelayMs(attempts);
          await updateOutgoing(tx, push.id, { state: 'pending', attempts, nextAttemptAt: new Date(now.getTime() + delay), lastError: error });
          return;
        }
        case 'rejected':
          await giveUp(outcome.error);
      }
    });
  }
}
