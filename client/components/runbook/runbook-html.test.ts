import { describe, expect, it } from 'vitest';
import { runbookHtml } from './runbook-html';

function rendered(markdown: string): HTMLElement {
  const root = document.createElement('div');
  root.innerHTML = runbookHtml(markdown);
  return root;
}

describe('runbookHtml', () => {
  it('renders Markdown: headings, emphasis, code, lists', () => {
    const root = rendered('# Restart\n\nUse **care** and `kubectl`.\n\n- one\n- two\n\n```\nkubectl rollout restart\n```');
    expect(root.querySelector('h1')?.textContent).toBe('Restart');
    expect(root.querySelector('strong')?.textContent).toBe('care');
    expect(root.querySelectorAll('li')).toHaveLength(2);
    expect(root.querySelector('pre code')?.textContent).toContain('kubectl rollout restart');
  });

  it('shows raw HTML as text: no script, img, svg or event handler reaches the page', () => {
    const payloads = ['<script>window.pwned = 1</script>', '<img src=x onerror="window.pwned = 1">', '<svg onload="window.pwned = 1"></svg>', '<a href="javascript:window.pwned = 1">x</a>', '<iframe src="javascript:1"></iframe>'];
    const root = rendered(payloads.join('\n\n') + '\n\n- [ ] <img src=x onerror=alert(1)> step');
    expect(root.querySelectorAll('script, img, svg, iframe, [onerror], [onload]')).toHaveLength(0);
    expect(root.querySelectorAll('a')).toHaveLength(0);
    expect(root.textContent).toContain('<script>window.pwned = 1</script>');
    expect(root.querySelector('.runbook-step-text')?.textContent).toBe('<img src=x onerror=alert(1)> step');
  });

  it('drops javascript:, vbscript: and data: link targets, also written with entities or odd case', () => {
    const root = rendered(
      ['[a](javascript:alert(1))', '[b](JaVaScRiPt:alert(1))', '[c](vbscript:msgbox(1))', '[d](data:text/html;base64,PHNjcmlwdD4=)', '[e](&#106;avascript:alert(1))', '<javascript:alert(1)>'].join('\n\n'),
    );
    for (const link of root.querySelectorAll('a')) expect(link.getAttribute('href') ?? '').not.toMatch(/^\s*(javascript|vbscript|data):/i);
    expect(root.innerHTML).not.toMatch(/href="\s*(javascript|vbscript|data):/i);
  });

  it('links open in a new tab without handing it this page', () => {
    const root = rendered('See [the dashboard](https://grafana.example.com/d/1) and https://status.example.com');
    const links = [...root.querySelectorAll('a')];
    expect(links.map((link) => link.getAttribute('href'))).toEqual(['https://grafana.example.com/d/1', 'https://status.example.com']);
    for (const link of links) {
      expect(link.getAttribute('target')).toBe('_blank');
      expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    }
  });

  it('turns each task item into a thumb-sized checkbox numbered like the shared step rule, in loose, nested and quoted lists', () => {
    const markdown = ['- [ ] Open the dashboard', '- [x] Page the **database** owner', '  - [ ] nested', '', '```', '- [ ] not a step', '```', '', '> - [ ] quoted', '', '1. [ ] ordered', '', '   with more text', '- plain'].join('\n');
    const root = rendered(markdown);
    const boxes = [...root.querySelectorAll<HTMLInputElement>('input')];
    expect(boxes.map((box) => box.dataset.step)).toEqual(['0', '1', '2', '3', '4']);
    for (const box of boxes) {
      expect(box.type).toBe('checkbox');
      expect(box.classList.contains('thumb-check')).toBe(true);
      expect(box.closest('label')).not.toBeNull();
    }
    expect([...root.querySelectorAll('.runbook-step-text')].map((text) => text.textContent)).toEqual(['Open the dashboard', 'Page the database owner', 'nested', 'quoted', 'ordered']);
    expect(root.querySelector('.runbook-step-text strong')?.textContent).toBe('database');
    expect(root.querySelector('pre')?.textContent).toContain('- [ ] not a step');
  });

  it('an author cannot forge a step checkbox or any other form control', () => {
    const root = rendered('<input type="checkbox" data-step="0" checked>\n\n<button>x</button>');
    expect(root.querySelectorAll('input, button')).toHaveLength(0);
  });
});
