import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phoneViewport } from '../helpers/browser';
import { startServer, type ServerProcess } from '../helpers/server-process';

let server: ServerProcess;
let context: BrowserContext;
let profileDir: string;

beforeAll(async () => {
  if (!existsSync(new URL('../../dist/index.js', import.meta.url))) {
    throw new Error('dist/ has no built app with its service worker: run `npx vite build` first (npm test does)');
  }
  server = await startServer();
  // Chromium reports every incognito context (browser.newContext()) as not installable.
  profileDir = mkdtempSync(join(tmpdir(), 'muster-profile-'));
  context = await chromium.launchPersistentContext(profileDir, {
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    baseURL: server.url,
    viewport: phoneViewport,
  });
});

afterAll(async () => {
  await context?.close();
  await server?.cleanup();
  if (profileDir) rmSync(profileDir, { recursive: true, force: true });
});

describe('installable app', () => {
  it('has a manifest with what phones need to install it', async () => {
    const page = await context.newPage();
    await page.goto('/login');
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(href).toBe('/manifest.webmanifest');

    const res = await fetch(`${server.url}${href}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/manifest+json');
    const manifest = await res.json();
    expect(manifest).toMatchObject({
      id: '/',
      name: expect.stringContaining('Muster'),
      short_name: 'Muster',
      start_url: '/',
      scope: '/',
      display: 'standalone',
      theme_color: expect.stringMatching(/^#[0-9a-f]{6}$/i),
      background_color: expect.stringMatching(/^#[0-9a-f]{6}$/i),
    });
    const icons = manifest.icons as Array<{ src: string; sizes: string; type: string; purpose: string }>;
    expect(icons.map((icon) => `${icon.sizes} ${icon.purpose}`).sort()).toEqual(['192x192 any', '512x512 any', '512x512 maskable']);
    // Each icon is a real PNG of the size it claims (PNG width and height sit at bytes 16–23).
    for (const icon of icons) {
      const png = Buffer.from(await (await fetch(`${server.url}${icon.src}`)).arrayBuffer());
      expect(png.subarray(1, 4).toString('latin1'), icon.src).toBe('PNG');
      expect(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`, icon.src).toBe(icon.sizes);
      expect(icon.type).toBe('image/png');
    }

    const appleIcon = await page.locator('link[rel="apple-touch-icon"]').getAttribute('href');
    expect((await fetch(`${server.url}${appleIcon}`)).status).toBe(200);
    expect(await page.locator('meta[name="apple-mobile-web-app-capable"]').getAttribute('content')).toBe('yes');
    expect(await page.locator('meta[name="apple-mobile-web-app-title"]').getAttribute('content')).toBe('Muster');
    await page.close();
  });

  it('registers a service worker and Chromium reports no installability errors', async () => {
    const page = await context.newPage();
    await page.goto('/login');
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope).toBe(`${server.url}/`);

    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
    await page.close();
  });

  it('opens a deep link offline from the precached shell, and never answers the API from the cache', async () => {
    const page = await context.newPage();
    await page.goto('/login');
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    // The page that registered the worker is controlled once it claims clients.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

    await context.setOffline(true);
    try {
      const offline = await context.newPage();
      const res = await offline.goto('/incidents/some-incident');
      expect(res?.status()).toBe(200);
      expect(await offline.locator('#app').count()).toBe(1);
      const api = await offline.evaluate(() => fetch('/api/v1/me').then((r) => `answered ${r.status}`, () => 'network error'));
      expect(api).toBe('network error');
      await offline.close();
    } finally {
      await context.setOffline(false);
    }
    await page.close();
  });
});
