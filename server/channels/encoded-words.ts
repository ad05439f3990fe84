/**
 * HTTP header values travel as Latin-1 bytes (Node refuses anything above U+00FF) while ntfy, in Go, reads them
 * as UTF-8, so "Café" or "SEV-1 · Checkout" would arrive garbled or not at all. Such values are sent as RFC 2047
 * encoded words (=?UTF-8?B?…?=), which ntfy decodes. Plain ASCII goes as it is, unless it holds "=?", which
 * ntfy would try to decode too.
 */
export function headerText(value: string): string {
  if (/^[\x20-\x7e]*$/.test(value) && !value.includes('=?')) return value;
  const words: string[] = [];
  let chunk = '';
  // Whole characters per word, each word within RFC 2047's 75 characters; a decoder joins adjacent encoded
  // words and drops the spaces between them.
  for (const character of value) {
    if (Buffer.byteLength(chunk + character) > maxBytesPerWord) {
      words.push(encodedWord(chunk));
      chunk = '';
    }
    chunk += character;
  }
  if (chunk) words.push(encodedWord(chunk));
  return words.join(' ');
}

/** 45 bytes are 60 base64 characters; with "=?UTF-8?B?" and "?=" a word is 72 characters long. */
const maxBytesPerWord = 45;

const encodedWord = (text: string) => `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
