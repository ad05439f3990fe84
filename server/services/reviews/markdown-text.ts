/**
 * Review text is written by people and partly comes from monitoring tools: in the export it must read as the
 * text it is, not as Markdown or HTML. Inline specials are backslash-escaped, angle brackets become entities
 * (renderers pass raw HTML through), and a line that would start a heading, quote, list or rule is escaped.
 */
export function escapeInline(text: string): string {
  return text
    .replace(/[\\`*_{}[\]()#+!|~]/g, (ch) => `\\${ch}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

function escapeLineStart(line: string): string {
  // `- item`, `=== ` (a setext underline) and `1. item` would become lists or headings.
  return line.replace(/^(\s*)([-=])/, '$1\\$2').replace(/^(\s*\d+)([.)])/, '$1\\$2');
}

/** A paragraph (or several): line breaks kept, every line escaped. */
export function escapeBlock(text: string): string {
  return text
    .split('\n')
    .map((line) => escapeLineStart(escapeInline(line)))
    .join('\n');
}

/** One table cell: a single line, pipes escaped. */
export function escapeCell(text: string): string {
  return escapeInline(text.replace(/\s*\n\s*/g, ' '));
}
