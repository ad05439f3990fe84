import type { NoticePayload } from '../../shared/api/push';
import type { Tx } from '../db/client';
import { insertOutgoingPushes, type NewOutgoingPush } from '../db/stores/engine';
import { verifiedContactMethodsOf } from '../db/stores/followers';
import { insertOutgoingMessages, type NewOutgoingMessage } from '../db/stores/outgoing-messages';
import { subscriptionsOfUsers } from '../db/stores/push-subscriptions';
import type { StoredNotice } from '../channels/send-notice';
import { encodeNoticePayload } from '../push/notice-payload';
import type { Urgency } from '../push/page-payload';

/** A notice may wait on a dozing phone for a while, but an update hours old is news no more. */
export const noticeTtlSeconds = 6 * 3600;

export interface NoticeRecipient {
  userId: string;
  /** Also by the person's verified contact methods (email, ntfy, webhook, chat). */
  viaContactMethods: boolean;
}

/**
 * Queues a notice in the outbox, inside the caller's transaction: a push to every device of each recipient
 * (no page row, so acknowledging never cancels it) and, where a recipient asked, a message to each of their
 * verified contact methods. Delivery sends both after commit.
 */
export async function queueNotices(
  tx: Tx,
  recipients: NoticeRecipient[],
  push: NoticePayload,
  message: StoredNotice | null,
  urgency: Urgency,
  now: Date,
): Promise<void> {
  if (recipients.length === 0) return;
  const payload = encodeNoticePayload(push);
  const devices = await subscriptionsOfUsers(tx, recipients.map((r) => r.userId));
  const pushes: NewOutgoingPush[] = devices.map((device) => ({
    id: crypto.randomUUID(),
    pageId: null,
    incidentId: push.incidentId,
    userId: device.userId,
    subscriptionId: device.id,
    payload,
    urgency,
    ttlSeconds: noticeTtlSeconds,
  }));
  await insertOutgoingPushes(tx, pushes, now);
  if (!message || push.incidentId === null) return;
  const incidentId = push.incidentId;
  const methods = await verifiedContactMethodsOf(tx, recipients.filter((r) => r.viaContactMethods).map((r) => r.userId));
  const messages: NewOutgoingMessage[] = methods.map((method) => ({
    id: crypto.randomUUID(),
    kind: 'notice',
    incidentId,
    userId: method.userId,
    contactMethodId: method.id,
    payload: JSON.stringify(message),
  }));
  await insertOutgoingMessages(tx, messages, now);
}
