import { describe, expect, it } from 'vitest';
import { multiLineText, singleLineText, unicodeText } from './text';

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
