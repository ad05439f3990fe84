/**
 * Renders the app icons from one SVG mark with the Chromium the browser tests use, so they
 * can be regenerated without an image editor: `npx tsx scripts/make-icons.ts`.
 */
import { writeFile } from 'node:fs/promises';
import { chromium } from 'playwright-core';

const red = '#b91c1c';
// A bold "M" on a 512 grid, drawn as a path so no font is needed.
const letter = 'M128 384V128h72l56 100 56-100h72v256h-64V236l-64 108-64-108v148z';
// Two short beams over the letter: the siren.
const beams = 'M176 96l-28-40M256 84V36M336 96l28-40';

/**
 * `inset` shrinks the mark towards the centre (maskable icons keep it inside the 80 % safe circle);
 * `rounded: null` draws the white mark alone, for Android's status-bar badge (alpha only).
 */
function svg({ rounded, inset }: { rounded: boolean | null; inset: number }): string {
  const scale = 1 - inset * 2;
  const offset = 512 * inset;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">
  ${rounded === null ? '' : `<rect width="512" height="512" rx="${rounded ? 112 : 0}" fill="${red}"/>`}
  <g transform="translate(${offset} ${offset + 24 * scale}) scale(${scale})" fill="#fff" stroke="#fff">
    <path d="${letter}" stroke="none"/>
    <path d="${beams}" fill="none" stroke-width="28" stroke-linecap="round"/>
  </g>
</svg>
`;
}

const icons = [
  { file: 'icon-192.png', size: 192, rounded: true, inset: 0.02 },
  { file: 'icon-512.png', size: 512, rounded: true, inset: 0.02 },
  { file: 'maskable-512.png', size: 512, rounded: false, inset: 0.14 },
  // iOS draws its own rounded corners and fills transparency with black: full bleed.
  { file: 'apple-touch-icon-180.png', size: 180, rounded: false, inset: 0.08 },
  { file: 'badge-96.png', size: 96, rounded: null, inset: 0 },
];

const outDir = new URL('../public/icons/', import.meta.url);
await writeFile(new URL('icon.svg', outDir), svg({ rounded: true, inset: 0.02 }));

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
try {
  for (const icon of icons) {
    const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size }, deviceScaleFactor: 1 });
    const markup = svg(icon).replace('<svg ', `<svg width="${icon.size}" height="${icon.size}" `);
    await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block}</style>${markup}`);
    await writeFile(new URL(icon.file, outDir), await page.screenshot({ omitBackground: true, type: 'png' }));
    await page.close();
  }
} finally {
  await browser.close();
}
