import DOMPurify from 'dompurify';
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { runbookSteps } from '../../../shared/domain/runbook-steps';

/**
 * Runbook Markdown → safe HTML, in one place. Runbook text is untrusted (anyone who may edit a runbook, or a
 * tool that writes one): markdown-it runs with `html: false`, so raw HTML in it is shown as text, and its link
 * check drops `javascript:`, `vbscript:`, `file:` and most `data:` URLs; DOMPurify then removes anything left
 * that could run. Links open in a new tab without giving it this page (`rel="noopener noreferrer"`).
 *
 * Task items become checkboxes (`input.runbook-step-box[data-step]`): which step an item is comes from the
 * shared line rule (`runbookSteps`, by the item's source line), the same the server checks indices with.
 * The checkbox's state is set by the component afterwards, so ticking does not re-render the runbook.
 */

const markdown = new MarkdownIt({ html: false, linkify: true, breaks: false });

const taskBox = /^\[[ xX]\][ \t]+/;

function attr(token: Token, name: string, value: string) {
  token.attrSet(name, value);
}

/** Inserts a checkbox for each task item whose source line is a step. */
function markTaskItems(tokens: Token[], stepAtLine: Map<number, number>, TokenClass: typeof Token) {
  for (let i = 0; i < tokens.length; i++) {
    const item = tokens[i];
    if (item.type !== 'list_item_open' || !item.map) continue;
    const step = stepAtLine.get(item.map[0]);
    if (step === undefined) continue;
    // The item's first inline: [list_item_open, paragraph_open, inline, …].
    const inline = tokens.slice(i + 1, i + 4).find((token) => token.type === 'inline');
    const first = inline?.children?.[0];
    if (!inline || !first || first.type !== 'text' || !taskBox.test(first.content)) continue;
    first.content = first.content.replace(taskBox, '');
    attr(item, 'class', 'runbook-task');
    const open = new TokenClass('html_inline', '', 0);
    open.content = `<label class="runbook-step"><input type="checkbox" class="thumb-check runbook-step-box" data-step="${step}"><span class="runbook-step-text">`;
    const close = new TokenClass('html_inline', '', 0);
    close.content = `</span></label><span class="runbook-step-by muted" data-step-by="${step}"></span>`;
    inline.children = [open, ...inline.children!, close];
  }
}

markdown.core.ruler.push('runbook_steps', (state) => {
  const stepAtLine = new Map(runbookSteps(state.src).map((step) => [step.line, step.index]));
  if (stepAtLine.size > 0) markTaskItems(state.tokens, stepAtLine, state.Token);
});

// The renderer's own html_inline tokens are the only HTML it lets through (`html: false` stops the author's).
markdown.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
  attr(tokens[idx], 'target', '_blank');
  attr(tokens[idx], 'rel', 'noopener noreferrer');
  return self.renderToken(tokens, idx, options);
};

let purifier: ReturnType<typeof DOMPurify> | undefined;

function purify(html: string): string {
  if (!purifier) {
    // Its own instance: the hook below must not change how anything else is sanitised.
    purifier = DOMPurify(window);
    purifier.addHook('afterSanitizeAttributes', (node) => {
      if (node.tagName === 'A') {
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer');
      }
      // Only the renderer's step checkboxes, never a form control of any other kind.
      if (node.tagName === 'INPUT' && (node.getAttribute('type') !== 'checkbox' || !node.hasAttribute('data-step'))) node.remove();
    });
  }
  return purifier.sanitize(html, {
    ADD_ATTR: ['target'],
    FORBID_TAGS: ['style', 'form', 'button', 'textarea', 'select', 'iframe', 'object', 'embed'],
    FORBID_ATTR: ['style'],
  });
}

/** The runbook as HTML safe to put in the page with `v-html`. */
export function runbookHtml(source: string): string {
  return purify(markdown.render(source));
}
