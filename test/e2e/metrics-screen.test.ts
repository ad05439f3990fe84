import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Service } from '../../shared/api/services';
import { openDatabase } from '../../server/db/client';
import { signIn } from '../helpers/api-session';
import { launchBrowser, newPhoneContext } from '../helpers/browser';
import { serverAdmin, startServer, type ServerProcess } from '../helpers/server-process';
import { auditLayout } from './layout-audit';

/**
 * The metrics screen on a 390×844 phone (light and dark) and a 1280×800 laptop, against a real server. The
 * server runs on the real clock, so incidents of past weeks are written straight into its SQLite file: ten
 * weeks of Checkout and Search incidents, acknowledged and resolved at known offsets.
 */
const shotsDir = process.env.MUSTER_SCREENS_DIR ?? '/work/screens';
const textSelectors = ['h1', 'h2', '.btn', '.muted', '.segment', 'legend', 'label', '.summary', '.figure .name', '.figure .value', '.figure .detail', '.figure .meaning', '.legend', '.link-card .name', '.link-card .count'];
const minute = 60_000;
const week = 7 * 24 * 60 * minute;

let server: ServerProcess;
let browser: Browser;
let seeded = 0;

beforeAll(async () => {
  if (!existsSync(new URL('../../dist/index.html', import.meta.url))) throw new Error('dist/ has no built app: run `npx vite build` first (npm test does)');
  mkdirSync(shotsDir, { recursive: true });
  server = await startServer();
  browser = await launchBrowser();
  const admin = await signIn(server.url, serverAdmin.email, serverAdmin.password);
  const services = [await admin.post<Service>('/services', { name: 'Checkout' }), await admin.post<Service>('/services', { name: 'Search' })];

  const db = await openDatabase({ file: join(server.dataDir, 'muster.db') });
  const now = Date.now();
  const incidents = [];
  const alerts = [];
  for (let i = 0; i < 24; i++) {
    const detectedAt = new Date(now - (i % 10) * week - (i + 1) * 97 * minute);
    const at = (minutes: number) => new Date(detectedAt.getTime() + minutes * minute);
    const service = services[i % 3 === 0 ? 1 : 0]!;
    const id = crypto.randomUUID();
    incidents.push({
      id,
      number: 1000 + i,
      title: `Seeded incident ${i}`,
      status: 'resolved' as const,
      severity: i % 4 === 0 ? ('SEV-1' as const) : ('SEV-3' as const),
      serviceId: service.id,
      origin: 'integration' as const,
      createdAt: detectedAt,
      updatedAt: detectedAt,
      startedAt: at(-(i % 5)),
      detectedAt,
      acknowledgedAt: at(2 + (i % 7)),
      resolvedAt: at(30 + 10 * (i % 6)),
      phase: 'recovery' as const,
    });
    alerts.push({
      id: crypto.randomUUID(),
      serviceId: service.id,
      incidentId: id,
      source: 'events_api' as const,
      dedupKey: `seed-${i}`,
      status: 'resolved' as const,
      summary: `Seeded alert ${i}`,
      details: { class: i % 2 ? 'HighLatency' : 'DiskFull' },
      links: [],
      images: [],
      firstSeenAt: detectedAt,
      lastSeenAt: detectedAt,
      count: 1,
      resolvedAt: at(30),
      inMaintenance: false,
    });
  }
  await db.insert(db.t.incidents).values(incidents);
  await db.insert(db.t.alerts).values(alerts);
  await db.close();
  seeded = incidents.length;
});

afterAll(async () => {
  await browser?.close();
  await server?.cleanup();
});

async function signInAs(page: Page) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(serverAdmin.email);
  await page.getByLabel('Password').fill(serverAdmin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/$/);
}

/**
 * A phone page wider than the screen makes a mobile browser zoom out: innerWidth grows with the page, so the
 * audit's scrollWidth − innerWidth stays 0. The layout width itself is checked too.
 */
async function expectFitsPhone(page: Page) {
  expect(await page.evaluate(() => [window.innerWidth, document.documentElement.scrollWidth])).toEqual([390, 390]);
  expect(await auditLayout(page, textSelectors)).toEqual({ overflowPx: 0, smallTargets: [], lowContrast: [] });
}

async function openMetrics(page: Page) {
  // uPlot styles its elements from script: a Content-Security-Policy refusal would leave the charts broken.
  await page.addInitScript(() => {
    (window as unknown as { cspViolations: string[] }).cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { cspViolations: string[] }).cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await signInAs(page);
  // Reached as a person would: Team tab, then Metrics.
  await page.getByRole('link', { name: 'Team' }).first().click();
  await page.getByRole('link', { name: /^Metrics/ }).click();
  await page.waitForURL(/\/metrics/);
  await page.locator('[data-test="count"]').waitFor();
  await expect.poll(() => page.locator('.plot canvas').count(), { timeout: 10_000 }).toBe(2);
  expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
}

describe.each(['light', 'dark'] as const)('metrics on a 390×844 phone in %s mode', (colorScheme) => {
  it('shows the figures, both charts within the screen, repeat offenders, and fits the phone', async () => {
    const context = await newPhoneContext(browser, server.url, { colorScheme, acceptDownloads: true });
    const page = await context.newPage();
    await openMetrics(page);
    expect(await page.locator('[data-test="count"]').textContent()).toContain(`${seeded} incidents`);
    expect(await page.locator('.figure .name').allTextContents()).toEqual(['MTTD', 'MTTA', 'MTTR', 'MTTR from start']);
    expect(await page.locator('.figure [data-test="n"]').allTextContents()).toEqual(Array(4).fill(`n = ${seeded}`));
    // Checkout had 16 of the 24, Search 8.
    expect(await page.locator('[data-test="offending-services"] .count').allTextContents()).toEqual(['16 incidents', '8 incidents']);
    for (const canvas of await page.locator('.plot canvas').all()) {
      const box = (await canvas.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
    // The charts draw in the theme's colours: the bars are the link colour of this scheme.
    const [linkColour, barPixel] = await page.evaluate(() => {
      const link = getComputedStyle(document.documentElement).getPropertyValue('--link').trim();
      const canvas = document.querySelector('.plot canvas') as HTMLCanvasElement;
      const ctx = canvas.getContext('2d')!;
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      const hex = (n: number) => n.toString(16).padStart(2, '0');
      const colours = new Set<string>();
      for (let p = 0; p < data.length; p += 4) if (data[p + 3] === 255) colours.add(`#${hex(data[p]!)}${hex(data[p + 1]!)}${hex(data[p + 2]!)}`);
      return [link, colours.has(link.toLowerCase()) ? link : [...colours].slice(0, 8).join(' ')];
    });
    expect(barPixel).toBe(linkColour);

    await page.screenshot({ path: join(shotsDir, `metrics-390-${colorScheme}.png`), fullPage: true });
    await expectFitsPhone(page);

    // Custom range and a severity filter: fewer incidents, still within the screen.
    await page.locator('label.segment', { hasText: 'Custom' }).click();
    await page.locator('input[name="from"]').fill(new Date(Date.now() - 3 * week).toISOString().slice(0, 10));
    await page.locator('input[name="to"]').fill(new Date().toISOString().slice(0, 10));
    await page.getByRole('button', { name: 'SEV-1' }).click();
    await expect.poll(() => page.locator('[data-test="count"]').textContent()).not.toContain(`${seeded} incidents`);
    expect(page.url()).toMatch(/range=custom.*severity=SEV-1/);
    await page.screenshot({ path: join(shotsDir, `metrics-390-custom-${colorScheme}.png`), fullPage: true });
    await expectFitsPhone(page);
    await context.close();
  });
});

describe('metrics on a 1280×800 laptop', () => {
  it('lays the figures out in one row and exports the weekly CSV as a download', async () => {
    const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    const page = await context.newPage();
    await openMetrics(page);
    const tops = await page.locator('.figure').evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().top)));
    expect(new Set(tops).size).toBe(1);
    await page.screenshot({ path: join(shotsDir, 'metrics-1280.png'), fullPage: true });
    expect((await auditLayout(page, textSelectors)).overflowPx).toBe(0);

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test="csv-weekly"]').click()]);
    expect(download.suggestedFilename()).toMatch(/^muster-metrics-weekly-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = readFileSync((await download.path())!, 'utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe('week_start,incidents,mtta_mean_seconds,mtta_median_seconds,mtta_n,mttr_mean_seconds,mttr_median_seconds,mttr_n');
    expect(lines).toHaveLength(13); // header + 12 weeks
    expect(lines.slice(1).reduce((sum, line) => sum + Number(line.split(',')[1]), 0)).toBe(seeded);
    await context.close();
  });
});
