import { contactMethodLabels } from '../../shared/domain/contact-methods';
import { signPageToken } from '../auth/page-token';
import type { ChannelOutcome } from '../channels/channel';
import type { ChannelHttp } from '../channels/http-delivery';
import { pageMessageFor, sendPage, type PageChannels, type StoredPage } from '../channels/send-page';
import { webhookHeaders } from '../channels/webhook';
import { sendNotice, type StoredNotice } from '../channels/send-notice';
import type { Clock } from '../clock';
import type { Db, Tx } from '../db/client';
import { recordContactFailure, recordContactSuccess, toContactMethod } from '../db/stores/contact-methods';
import { claimDueMessages, logWebhookAttempt, updateMessage, type ClaimedMessage, type OutgoingMessageRow } from '../db/stores/outgoing-messages';
import { userNames } from '../db/stores/users';
import type { ServiceEventBody } from '../../shared/api/service-webhooks';
import { maxDeliveryAttempts, retryDelayMs } from '../push/retry-policy';
import { bodyToSend } from '../events/service-events';
import { OutboxWorker } from './outbox-worker';
import { recordSystemEvent } from './system-events';

export interface MessageDeliveryOptions {
  db: Db;
  clock: Clock;
  channels: PageChannels & { http: ChannelHttp };
  /** Signs the acknowledge token each page carries. */
  tokenKey: Buffer;
  /** Base of the links in a page; relative when unset. */
  publicUrl?: string;
  instanceId: string;
  /** Told after each recorded page result (for live updates). */
  onRecorded: (incidentId: string) => void;
  maxInFlight?: number;
}

/**
 * Engine module: sends the outbox's messages that are not pushes, outside any transaction, and records each
 * result like push delivery does: pages to contact methods (the timeline says "Paged Bob by email" or "ntfy to
 * Bob failed: ntfy answered 401", and the method's run of failures is kept), and service events to webhooks
 * (each attempt in the webhook's delivery log). 5xx, 429 and timeouts are retried with backoff; other 4xx never.
 */
export class MessageDelivery extends OutboxWorker<ClaimedMessage> {
  constructor(private readonly options: MessageDeliveryOptions) {
    super(options.db, options.instanceId, options.maxInFlight ?? 32);
  }

  protected claim(room: number, now: Date) {
    return this.db.transaction((tx) => claimDueMessages(tx, this.instanceId, now, room));
  }

  protected async deliver(claimed: ClaimedMessage): Promise<void> {
    if (claimed.message.kind === 'page') await this.deliverPage(claimed);
    else if (claimed.message.kind === 'notice') await this.deliverNotice(claimed);
    else await this.deliverEvent(claimed);
  }

  private async deliverPage({ message, method }: ClaimedMessage): Promise<void> {
    const { clock, tokenKey, publicUrl = '', channels } = this.options;
    const now = clock.now();
    let outcome: ChannelOutcome;
    if (!method || !method.verified || method.userId !== message.userId) {
      outcome = { kind: 'rejected', error: 'the contact method was removed' };
    } else {
      const ackToken = signPageToken(tokenKey, { incidentId: message.incidentId, userId: method.userId }, now);
      const page = pageMessageFor(method.type, JSON.parse(message.payload) as StoredPage, publicUrl, ackToken, now);
      outcome = await sendPage(channels, method.config, page, now);
    }
    await this.db.transaction(async (tx) => {
      const result = await this.settle(tx, message, outcome);
      if (result === 'retrying') return;
      const at = clock.now();
      const user = message.userId ? ((await userNames(tx, [message.userId])).get(message.userId) ?? 'unknown user') : 'unknown user';
      const about = {
        userId: message.userId,
        user,
        channel: method ? contactMethodLabels[method.type] : 'contact method',
        ...(method && { method: toContactMethod(method).summary }),
      };
      if (result === 'delivered') {
        if (method) await recordContactSuccess(tx, method.id, at);
        await recordSystemEvent(tx, message.incidentId, 'page_delivered', about, at);
      } else {
        const error = outcome.kind === 'delivered' ? '' : outcome.error;
        if (method) await recordContactFailure(tx, method.id, error, at);
        await recordSystemEvent(tx, message.incidentId, 'page_failed', { ...about, reason: error, ...(outcome.status && { status: outcome.status }) }, at);
      }
    });
    this.options.onRecorded(message.incidentId);
  }

  /** A status update to a follower's contact method: the method's run of failures is kept, the timeline is left alone. */
  private async deliverNotice({ message, method }: ClaimedMessage): Promise<void> {
    const { clock, publicUrl = '', channels } = this.options;
    const outcome: ChannelOutcome =
      !method || !method.verified || method.userId !== message.userId
        ? { kind: 'rejected', error: 'the contact method was removed' }
        : await sendNotice(channels, method.config, JSON.parse(message.payload) as StoredNotice, publicUrl, clock.now());
    await this.db.transaction(async (tx) => {
      const result = await this.settle(tx, message, outcome);
      if (!method || result === 'retrying') return;
      if (result === 'delivered') await recordContactSuccess(tx, method.id, clock.now());
      else await recordContactFailure(tx, method.id, outcome.kind === 'delivered' ? '' : outcome.error, clock.now());
    });
  }

  private async deliverEvent({ message, webhook }: ClaimedMessage): Promise<void> {
    const { clock, channels } = this.options;
    const started = clock.now();
    const begun = performance.now();
    const body = bodyToSend(message.payload, this.options.publicUrl);
    const outcome: ChannelOutcome = webhook
      ? await channels.http.post('webhook', { url: webhook.url, headers: webhookHeaders(body, webhook.secret, started), body })
      : { kind: 'rejected', error: 'the webhook was removed' };
    const durationMs = Math.round(performance.now() - begun);
    await this.db.transaction(async (tx) => {
      await this.settle(tx, message, outcome);
      if (!webhook) return;
      await logWebhookAttempt(tx, {
        id: crypto.randomUUID(),
        webhookId: webhook.id,
        messageId: message.id,
        incidentId: message.incidentId,
        event: (JSON.parse(message.payload) as ServiceEventBody).event,
        attempt: message.attempts + 1,
        outcome: outcome.kind,
        status: outcome.status ?? null,
        error: outcome.kind === 'delivered' ? null : outcome.error,
        durationMs,
        at: clock.now(),
      });
    });
  }

  /** Moves the message on: sent, back to pending after a backoff, or failed for good. */
  private async settle(tx: Tx, message: OutgoingMessageRow, outcome: ChannelOutcome): Promise<'delivered' | 'retrying' | 'failed'> {
    const now = this.options.clock.now();
    const attempts = message.attempts + 1;
    if (outcome.kind === 'delivered') {
      await updateMessage(tx, message.id, { state: 'sent', attempts, sentAt: now, lastError: null });
      return 'delivered';
    }
    if (outcome.kind === 'retryable' && attempts < maxDeliveryAttempts) {
      const delay = outcome.retryAfterMs ?? retryDelayMs(attempts);
      await updateMessage(tx, message.id, { state: 'pending', attempts, nextAttemptAt: new Date(now.getTime() + delay), lastError: outcome.error });
      return 'retrying';
    }
    await updateMessage(tx, message.id, { state: 'failed', attempts, lastError: outcome.error });
    return 'failed';
  }
}
