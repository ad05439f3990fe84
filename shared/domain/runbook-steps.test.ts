import { describe, expect, it } from 'vitest';
import { runbookSteps } from './runbook-steps';

const labels = (markdown: string) => runbookSteps(markdown).map((step) => step.label);

describe('runbookSteps', () => {
  it('numbers task items from 0 in source order, with their line and whether the source ticks them', () => {
    const markdown = ['# Checkout down', '', '- [ ] Check the dashboard', '- [x] Page the DB owner', 'Some text', '* [X] Roll back'].join('\n');
    expect(runbookSteps(markdown)).toEqual([
      { index: 0, label: 'Check the dashboard', checkedInSource: false, line: 2 },
      { index: 1, label: 'Page the DB owner', checkedInSource: true, line: 3 },
      { index: 2, label: 'Roll back', checkedInSource: true, line: 5 },
    ]);
  });

  it('counts nested, ordered, "+" and quoted items; ignores plain list items and boxes with no text', () => {
    const markdown = ['1. [ ] first', '   - [ ] nested', '2) [x] second', '+ [ ] plus', '> - [ ] quoted', '- plain item', '- [ ]', '- [ ]   ', '- [y] not a box', '-[ ] no space'].join('\n');
    expect(labels(markdown)).toEqual(['first', 'nested', 'second', 'plus', 'quoted']);
  });

  it('skips items inside fenced code blocks, backticks or tildes, until the matching fence closes', () => {
    const markdown = [
      '- [ ] before',
      '```sh',
      '- [ ] in code',
      '~~~',
      '- [ ] still in code (a tilde fence does not close a backtick one)',
      '```',
      '~~~~',
      '- [ ] in tilde code',
      '~~~ not a close',
      '~~~~',
      '- [ ] after',
    ].join('\n');
    expect(labels(markdown)).toEqual(['before', 'after']);
  });

  it('a fence left open hides everything after it, as Markdown renders it', () => {
    expect(labels('- [ ] one\n```\n- [ ] two')).toEqual(['one']);
  });

  it('reads CRLF and lone CR line breaks like LF', () => {
    expect(runbookSteps('- [ ] a\r\n- [ ] b\r- [ ] c').map((step) => [step.label, step.line])).toEqual([
      ['a', 0],
      ['b', 1],
      ['c', 2],
    ]);
  });

  it('an empty runbook or one without task items has no steps', () => {
    expect(runbookSteps('')).toEqual([]);
    expect(runbookSteps('# Just prose\n\n- a list')).toEqual([]);
  });
});
