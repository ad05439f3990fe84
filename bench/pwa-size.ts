// PWA weight and offline start.
// Goals (phone-app issue): JS+CSS for the incident list < 120 KB gzip; cold start offline
// (shell from the service worker, data from IndexedDB) to the incident list rendered < 1 s.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type BrowserContext } from 'playwright-core';
import type { Service } from '../shared/api/services';
import { signIn } from '../test/helpers/api-session';
import { phoneViewport } from '../test/helpers/browser';
import { serverAdmin, startServer } from '../test/helpers/server-process';
import { summarize, writeResult } from './lib';

const coldStarts = Number(process.env.BENCH_COLD_STARTS ?? 7);
const distIndex = new URL('../dist/index.js', import.meta.url);

if (!existsSync(distIndex)) {
  console.log('dist/ has no built app: building it first');
  const build = spawnSync('npx', ['vite', 'build'], { stdio: 'inherit', cwd: new URL('..', import.meta.url).pathname });
  if (build.status !== 0) throw new Error('vite build failed');
}

const server = await startServer();
const profileDir = mkdtempSync(join(tmpdir(), 'muster-bench-profile-'));
const launch = (offline: boolean) =>
  chromium.launchPersistentContext(profileDir, {
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    baseURL: server.url,
    viewport: phoneViewport,
    isMobile: true,
    hasTouch: true,
    offline,
  });

// Records when the first incident card appears, on the page's own clock (0 = navigation start).
const markListRendered = () => {
  new MutationObserver((_, observer) => {
    if (document.querySelector('.incident-card')) {
      performance.mark('muster-list-rendered');
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
};
/** Where the time went: shell served by the worker, app code run, list shown (ms since navigation start). */
const startTimings = (context: BrowserContext) =>
  context.pages()[0].evaluate(() => {
    const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return {
      shell: navigation.responseEnd,
      domContentLoaded: navigation.domContentLoadedEventEnd,
      list: performance.getEntriesByName('muster-list-rendered')[0]?.startTime ?? NaN,
    };
  });

try {
  const admin = await signIn(server.url, serverAdmin.email, serverAdmin.password);
  const service = await admin.post<Service>('/services', { name: 'Payments API' });
  for (let i = 1; i <= 20; i++) {
    await admin.post('/incidents', { serviceId: service.id, title: `Checkout error rate above ${i} %`, severity: `SEV-${(i % 4) + 1}` });
  }

  // 1. First visit online: what the incident list costs to download, gzip-compressed.
  let context = await launch(false);
  const login = await context.request.post('/api/v1/auth/login', { data: { email: serverAdmin.email, password: serverAdmin.password } });
  if (!login.ok()) throw new Error(`sign-in failed: ${login.status()}`);
  const page = context.pages()[0] ?? (await context.newPage());
  const assets: Array<{ url: string; type: string; bytes: number; gzipBytes: number }> = [];
  const reading: Array<Promise<void>> = [];
  page.on('response', (res) => {
    const type = res.request().resourceType();
    if (type !== 'script' && type !== 'stylesheet') return;
    reading.push(
      res.body().then((body) => {
        assets.push({ url: new URL(res.url()).pathname, type, bytes: body.length, gzipBytes: gzipSync(body, { level: 9 }).length });
      }),
    );
  });
  await page.goto('/');
  await page.locator('.incident-card').first().waitFor();
  await Promise.all(reading);
  const gzipKb = assets.reduce((sum, asset) => sum + asset.gzipBytes, 0) / 1024;
  const rawKb = assets.reduce((sum, asset) => sum + asset.bytes, 0) / 1024;

  // The service worker has precached the shell once it controls the page.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await context.close();

  // 2. Cold starts with no network: a fresh browser process each time, same profile.
  const timings: Array<Awaited<ReturnType<typeof startTimings>>> = [];
  for (let i = 0; i < coldStarts; i++) {
    context = await launch(true);
    await context.addInitScript(markListRendered);
    const offlinePage = context.pages()[0] ?? (await context.newPage());
    await offlinePage.goto('/');
    await offlinePage.locator('.incident-card').first().waitFor({ timeout: 10_000 });
    timings.push(await startTimings(context));
    await context.close();
  }

  writeResult('pwa', {
    goal: 'incident list JS+CSS < 120 KB gzip; offline cold start to list < 1000 ms',
    incidentListAssets: {
      gzipKb: Math.round(gzipKb * 10) / 10,
      rawKb: Math.round(rawKb * 10) / 10,
      files: assets.map(({ url, gzipBytes }) => `${url} ${(gzipBytes / 1024).toFixed(1)} KB`),
    },
    offlineColdStartMs: summarize(timings.map((t) => t.list)),
    offlineColdStartBreakdownMs: {
      shellFromServiceWorker: summarize(timings.map((t) => t.shell)),
      domContentLoaded: summarize(timings.map((t) => t.domContentLoaded)),
    },
  });
} finally {
  await server.cleanup();
  rmSync(profileDir, { recursive: true, force: true });
}
