import type { NoticePayload } from '../../shared/api/push';
import { maxPayloadBytes } from './page-payload';

const ellipsis = '…';
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const utf8Bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/**
 * The JSON text of a notice, at most `maxPayloadBytes`: a status update may be 5000 characters, so its body is
 * shortened (whole characters, ending in "…"); the app shows the whole text when the notification is opened.
 */
export function encodeNoticePayload(payload: NoticePayload): string {
  const whole = JSON.stringify(payload);
  if (utf8Bytes(whole) <= maxPayloadBytes) return whole;
  const characters = Array.from(graphemes.segment(payload.body), (part) => part.segment);
  const withBody = (count: number) => JSON.stringify({ ...payload, body: characters.slice(0, count).join('') + ellipsis });
  let fits = 0;
  let tooLong = characters.length;
  while (tooLong - fits > 1) {
    const middle = Math.floor((fits + tooLong) / 2);
    if (utf8Bytes(withBody(middle)) <= maxPayloadBytes) fits = middle;
    else tooLong = middle;
  }
  return withBody(fits);
}
