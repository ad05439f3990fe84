import type { PagePayload, PushPayload } from '../../shared/api/push';
import { isUrgent, type Severity } from '../../shared/domain/severity';

/** Push services accept 4096 bytes; aes128gcm adds an 86-byte header, a 1-byte delimiter and a 16-byte tag. */
export const maxPayloadBytes = 3993;

const ellipsis = '…';
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * The JSON text to encrypt, at most `maxPayloadBytes` of UTF-8. Only the title is shortened (whole characters,
 * ending in "…"): the ids, token and URL are what make the notification's buttons work.
 */
export function encodePushPayload(payload: PushPayload): string {
  const whole = JSON.stringify(payload);
  if (utf8Bytes(whole) <= maxPayloadBytes) return whole;

  const characters = Array.from(graphemes.segment(payload.title), (part) => part.segment);
  const withTitle = (count: number) => JSON.stringify({ ...payload, title: characters.slice(0, count).join('') + ellipsis });
  if (utf8Bytes(withTitle(0)) > maxPayloadBytes) {
    throw new Error(`push payload is over ${maxPayloadBytes} bytes even without a title`);
  }
  // Binary search for the longest prefix that fits; JSON escaping makes the cost per character uneven.
  let fits = 0;
  let tooLong = characters.length;
  while (tooLong - fits > 1) {
    const middle = Math.floor((fits + tooLong) / 2);
    if (utf8Bytes(withTitle(middle)) <= maxPayloadBytes) fits = middle;
    else tooLong = middle;
  }
  return withTitle(fits);
}

/**
 * What the outbox keeps of a page: all but the acknowledge token. The token acknowledges without a session,
 * so it is a credential: it is signed as the push leaves and never written down.
 */
export type QueuedPage = Omit<PagePayload, 'ackToken'>;

/** The message to encrypt for a queued page, with its freshly signed token. */
export function pageMessage(queued: string, ackToken: string): string {
  return encodePushPayload({ ...(JSON.parse(queued) as QueuedPage), ackToken });
}

export type Urgency = 'high' | 'normal';

/** SEV-1/SEV-2 must wake the phone; push services may hold back `normal` messages on a dozing device. */
export function urgencyFor(severity: Severity): Urgency {
  return isUrgent(severity) ? 'high' : 'normal';
}

const utf8Bytes = (text: string) => Buffer.byteLength(text, 'utf8');
