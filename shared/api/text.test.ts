import { describe, expect, it } from 'vitest';
import { badTextInJson, multiLineText, singleLineText, unicodeText } from './text';

const accepts = (schema: ReturnType<typeof unicodeText>, text: string) => schema.safeParse(text).success;

describe('text rules', () => {
  it('accept surrogate pairs and refuse unpaired halves in every kind of text', () => {
    for (const schema of [unicodeText(), singleLineText(), multiLineText()]) {
      expect(accepts(schema, 'on fire 🔥')).toBe(true);
      for (const broken of ['\ud83d', 'x\udd25', '\udd25\ud83d']) expect(accepts(schema, broken)).toBe(false);
    }
  });

  it('single-line text refuses every C0, DEL and C1 control character, tab and newline included', () => {
    const schema = singleLineText();
    for (const code of [0x00, 0x07, 0x09, 0x0a, 0x0d, 0x1b, 0x1f, 0x7f, 0x85, 0x9b, 0x9f]) {
      expect(accepts(schema, `a${String.fromCharCode(code)}b`), `U+${code.toString(16)}`).toBe(false);
    }
    expect(accepts(schema, 'Zürich – café\u00a0 ok')).toBe(true);
  });

  it('multi-line text keeps tab and LF, turns CRLF into LF, and refuses a lone CR', () => {
    const schema = multiLineText();
    expect(schema.parse('a\tb\r\nc\nd')).toBe('a\tb\nc\nd');
    expect(accepts(schema, 'a\rb')).toBe(false);
    expect(accepts(schema, 'a\r')).toBe(false);
    expect(accepts(schema, 'a\u0000b')).toBe(false);
  });
});

describe('badTextInJson', () => {
  it('accepts ordinary documents, line breaks included', () => {
    expect(badTextInJson({ a: 'x\ny\r\n\tz', b: [1, true, null, { c: 'ü 🔥' }] })).toBeNull();
  });

  it('names the first bad string by its path', () => {
    expect(badTextInJson({ a: { b: ['ok', 'nul\u0000'] } }, 'custom_details')).toBe(
      'custom_details.a.b[1] must not contain control characters other than tab and line breaks',
    );
    expect(badTextInJson({ x: '\ud800' }, 'labels')).toBe('labels.x must be valid Unicode (it has a lone surrogate)');
    expect(badTextInJson({ 'k\u001b': 1 }, 'labels')).toMatch(/^labels key must not contain control characters/);
  });
});
