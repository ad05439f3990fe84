import type { Page } from 'playwright-core';

export interface LayoutAudit {
  /** Page wider than the screen: the phone would scroll sideways. */
  overflowPx: number;
  /** Controls smaller than 44×44 CSS px (WCAG 2.5.5 / Apple HIG). */
  smallTargets: string[];
  /** Text below 4.5:1 against its background. */
  lowContrast: string[];
}

/** Checks what a half-asleep thumb and eye need, on the page as rendered. */
export function auditLayout(page: Page, textSelectors: string[]): Promise<LayoutAudit> {
  return page.evaluate((selectors) => {
    const describe = (el: Element) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${el.textContent?.trim().slice(0, 30)}"`;
    const rgba = (css: string) => (css.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r, g, b]: number[]) => {
      const [R, G, B] = [r, g, b].map((v) => {
        const c = v / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * R + 0.7152 * G + 0.0722 * B;
    };
    const backgroundOf = (el: Element | null): number[] => {
      for (let node = el; node; node = node.parentElement) {
        const color = rgba(getComputedStyle(node).backgroundColor);
        if (color.length === 3 || (color[3] ?? 0) > 0) return color;
      }
      return [255, 255, 255];
    };
    const visible = (el: Element) => {
      const box = el.getBoundingClientRect();
      return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    };

    const smallTargets = [...document.querySelectorAll('button, a[href], input, select, textarea')]
      .filter(visible)
      .filter((el) => {
        const box = el.getBoundingClientRect();
        return box.width < 44 || box.height < 44;
      })
      .map((el) => `${describe(el)} ${Math.round(el.getBoundingClientRect().width)}×${Math.round(el.getBoundingClientRect().height)}`);

    const lowContrast = selectors
      .flatMap((selector) => [...document.querySelectorAll(selector)])
      .filter(visible)
      .flatMap((el) => {
        const [a, b] = [luminance(rgba(getComputedStyle(el).color)), luminance(backgroundOf(el))];
        const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        return ratio < 4.5 ? [`${describe(el)} ${ratio.toFixed(2)}:1`] : [];
      });

    return {
      overflowPx: document.documentElement.scrollWidth - window.innerWidth,
      smallTargets,
      lowContrast,
    };
  }, textSelectors);
}
