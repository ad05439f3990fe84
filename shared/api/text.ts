import { z } from 'zod';

/*
 * The rules for every piece of text a person or a tool sends. Text ends up in push
 * notifications, timelines, exports and logs: a NUL truncates it in some readers, and an
 * escape sequence (ESC, or C1's CSI) restyles a terminal that shows the log. A lone surrogate
 * (JSON.parse makes one from a "\ud800" escape) has no UTF-8 form, so the database would keep
 * U+FFFD instead of what was sent. Both are refused with a 400, never silently repaired.
 */

// In a `u` regex a surrogate pair is one code point, so \p{Cs} matches only an unpaired half.
const loneSurrogate = /\p{Cs}/u;
// \p{Cc}: C0 (U+0000–U+001F), DEL and C1 (U+0080–U+009F); tab and line breaks included.
const anyControl = /\p{Cc}/u;
// Multi-line text keeps tab and LF, and CR only as part of the CRLF a browser's textarea sends.
const controlOutsideLines = /(?!\r\n|\t|\n)\p{Cc}/u;

/** Any well-formed Unicode; for secrets, which nobody reads back, so any character may be typed. */
export const unicodeText = () => z.string().refine((text) => !loneSurrogate.test(text), { message: 'must be valid Unicode (it has a lone surrogate)', abort: true });

/** Names, titles, labels, ids, emails: one line, so no control character at all, tab and newline included. */
export const singleLineText = () =>
  unicodeText().refine((text) => !anyControl.test(text), { message: 'must not contain control characters (tabs and line breaks included)', abort: true });

/**
 * Notes and descriptions: tab and newlines are kept, CRLF is stored as LF so every client reads
 * the same line breaks, and any other control character (a lone CR too) is refused.
 */
export const multiLineText = () =>
  unicodeText()
    .refine((text) => !controlOutsideLines.test(text), { message: 'must not contain control characters other than tab and newline', abort: true })
    .overwrite((text) => text.replaceAll('\r\n', '\n'));

/**
 * The first string (value or key) in a JSON document that breaks the multi-line text rules, as `path: problem`;
 * null when all are fine. For free-form JSON from monitoring tools (custom details, labels), which is stored
 * and shown as it came.
 */
export function badTextInJson(value: unknown, path = ''): string | null {
  if (typeof value === 'string') {
    if (loneSurrogate.test(value)) return `${path || 'value'} must be valid Unicode (it has a lone surrogate)`;
    if (/(?!\r|\t|\n)\p{Cc}/u.test(value)) return `${path || 'value'} must not contain control characters other than tab and line breaks`;
    return null;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const problem = badTextInJson(item, `${path}[${index}]`);
      if (problem) return problem;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const problem = badTextInJson(key, `${path} key`) ?? badTextInJson(item, path ? `${path}.${key}` : key);
      if (problem) return problem;
    }
  }
  return null;
}
