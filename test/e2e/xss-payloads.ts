import type { Page } from 'playwright-core';

/**
 * Script-injection payloads for every place Muster shows text someone else wrote. Each would set
 * `window[xssFlag]` if it ever ran. The app's CSP (no inline script) would also stop most of them, so the
 * check does not rest on the flag alone: no payload element may reach the DOM at all, and the page must log
 * no CSP violation (one would mean a payload got into the DOM and only the CSP stopped it).
 *
 * To cover more text after merging (status updates, review text…): seed it with `xssText('status update')`,
 * open the screen, then `await expectRenderedInert(page, 'status update')`.
 */
export const xssFlag = '__musterXss';

export const xssPayloads = [
  `<script>window.${xssFlag} = 'script'</script>`,
  `<img src=x onerror="window.${xssFlag} = 'img onerror'">`,
  `<svg onload="window.${xssFlag} = 'svg onload'"><circle r="1"/></svg>`,
  `<a href="javascript:window.${xssFlag} = 'html link'">html link</a>`,
  `[markdown link](javascript:window.${xssFlag}='markdown link')`,
  `<iframe src="javascript:window.parent.${xssFlag} = 'iframe'"></iframe>`,
  `<div style="background:url(javascript:alert(1))" onclick="window.${xssFlag} = 'onclick'">click</div>`,
] as const;

/** All payloads in one text, each on its own line, tagged with where it was put. */
export function xssText(where: string): string {
  return xssPayloads.map((payload) => `${where}: ${payload}`).join('\n\n');
}

/** Call before the page loads: records CSP violations so a payload the CSP alone stopped still fails. */
export async function watchForInjection(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`));
  });
}

export interface InjectionFindings {
  flag: unknown;
  elements: string[];
  cspViolations: string[];
}

/** What on the page shows a payload took effect; all empty when everything rendered inert. */
export function injectionFindings(page: Page): Promise<InjectionFindings> {
  return page.evaluate((flag) => {
    // The app's own scripts are module scripts with a src; nothing else may be a script.
    const scripts = [...document.querySelectorAll('script')].filter((script) => !script.src).map(() => 'inline script');
    const handlers = [...document.querySelectorAll('body *')]
      .filter((el) => [...el.attributes].some((attribute) => attribute.name.startsWith('on')))
      .map((el) => `${el.tagName.toLowerCase()} with ${[...el.attributes].map((attribute) => attribute.name).join(' ')}`);
    const links = [...document.querySelectorAll('a[href], [src], [action], [formaction]')]
      .filter((el) => /^\s*(javascript|vbscript|data:text\/html)/i.test(el.getAttribute('href') ?? el.getAttribute('src') ?? el.getAttribute('action') ?? el.getAttribute('formaction') ?? ''))
      .map((el) => `${el.tagName.toLowerCase()} to ${el.getAttribute('href') ?? el.getAttribute('src')}`);
    const embeds = [...document.querySelectorAll('main iframe, main object, main embed, main svg [onload], main img[src="x"]')].map((el) => el.tagName.toLowerCase());
    return {
      flag: (window as unknown as Record<string, unknown>)[flag],
      elements: [...scripts, ...handlers, ...links, ...embeds],
      cspViolations: (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [],
    };
  }, xssFlag);
}

/** Opens every fold (alert details, runbooks) so folded text is rendered too, then expects nothing took effect. */
export async function expectRenderedInert(page: Page, where: string): Promise<InjectionFindings> {
  await page.evaluate(() => document.querySelectorAll('details').forEach((fold) => (fold.open = true)));
  // Let anything that would fire on insertion (onload, onerror) have its chance.
  await page.waitForTimeout(300);
  const findings = await injectionFindings(page);
  if (findings.flag !== undefined || findings.elements.length || findings.cspViolations.length) {
    throw new Error(`${where}: injected text took effect: ${JSON.stringify(findings)}`);
  }
  return findings;
}
