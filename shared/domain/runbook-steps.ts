/**
 * A runbook's steps: its Markdown task-list items (`- [ ] …`, `- [x] …`) in source order, numbered from 0.
 * The server checks a ticked index against this list and the app puts a checkbox on the item at the same
 * source line, so both read the steps through this one rule. It reads lines, not a Markdown tree, so shared/
 * stays free of dependencies; the renderer (markdown-it) only decides how an item looks, never which step it is.
 */
export interface RunbookStepSource {
  index: number;
  /** The item's text after its box, trimmed. */
  label: string;
  /** Written `[x]` in the runbook itself. */
  checkedInSource: boolean;
  /** 0-based line of the item in the Markdown: the renderer's list item starting there is this step. */
  line: number;
}

/** The most characters a runbook may have. */
export const maxRunbookLength = 100_000;

// Blockquote markers, then a bullet or ordered-list marker, then the box and at least some text.
const taskItem = /^(?:[ \t]{0,3}>[ \t]?)*[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+\[([ xX])\][ \t]+(\S.*)$/;
// A code fence: three or more backticks or tildes, indented at most three spaces (inside a quote too).
const fence = /^(?:[ \t]{0,3}>[ \t]?)*[ \t]{0,3}(`{3,}|~{3,})/;

export function runbookSteps(markdown: string): RunbookStepSource[] {
  const steps: RunbookStepSource[] = [];
  let openFence: string | null = null;
  const lines = markdown.split(/\r\n|\n|\r/);
  for (const [line, text] of lines.entries()) {
    const fenceMark = fence.exec(text)?.[1];
    if (openFence !== null) {
      // Closed by the same character, at least as long, and nothing but spaces after it.
      if (fenceMark && fenceMark[0] === openFence[0] && fenceMark.length >= openFence.length && /^[ \t]*$/.test(text.slice(text.indexOf(fenceMark) + fenceMark.length))) {
        openFence = null;
      }
      continue;
    }
    if (fenceMark) {
      openFence = fenceMark;
      continue;
    }
    const item = taskItem.exec(text);
    if (item) steps.push({ index: steps.length, label: item[2].trim(), checkedInSource: item[1] !== ' ', line });
  }
  return steps;
}
