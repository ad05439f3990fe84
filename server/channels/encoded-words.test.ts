import { describe, expect, it } from 'vitest';
import { headerText } from './encoded-words';

/** Encoded words as ntfy's Go decoder reads them: each word's bytes, the spaces between words dropped. */
const decode = (header: string) =>
  Buffer.concat(header.split(' ').map((word) => Buffer.from(/^=\?UTF-8\?B\?(.*)\?=$/.exec(word)![1], 'base64'))).toString('utf8');

describe('headerText', () => {
  it('leaves printable ASCII as it is', () => {
    expect(headerText('SEV-1 - Checkout')).toBe('SEV-1 - Checkout');
    expect(headerText('')).toBe('');
  });

  it.each(['SEV-1 · Checkout', 'Café — Zahlungen schlagen fehl', 'DRILL · 🚨 日本語のサービス', 'tab\there', '=?UTF-8?B?SGk=?='])(
    'encodes %j so that it decodes back whole, in Latin-1-safe words of at most 75 characters',
    (value) => {
      const header = headerText(value);
      expect(header).toMatch(/^[\x20-\x7e]+$/);
      for (const word of header.split(' ')) expect(word).toMatch(/^=\?UTF-8\?B\?[A-Za-z0-9+/=]{1,60}\?=$/);
      expect(decode(header)).toBe(value);
    },
  );

  // Shifting the text by one byte at a time puts a word boundary at each place within a 2- and a 4-byte character.
  it.each([0, 1, 2, 3])('splits long text between characters, never inside one (shifted by %i)', (shift) => {
    const value = 'a'.repeat(shift) + 'é'.repeat(30) + '🚨'.repeat(30);
    const words = headerText(value).split(' ');
    expect(words.length).toBeGreaterThan(2);
    for (const word of words) {
      expect(word.length).toBeLessThanOrEqual(75);
      expect(Buffer.from(word.slice(10, -2), 'base64').toString('utf8')).not.toContain('\ufffd');
    }
    expect(decode(headerText(value))).toBe(value);
  });
});
