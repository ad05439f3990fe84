import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Heartbeat } from '../../shared/api/detection';
import type { Incident } from '../../shared/api/incidents';
import type { Page as ApiPage } from '../../shared/api/common';
import type { Service } from '../../shared/api/services';
import { launchBrowser, newPhoneContext } from '../helpers/browser';
import { serverAdmin, startServer, type ServerProcess } from '../helpers/server-process';
import { signIn, type ApiSession } from '../helpers/api-session';
import { auditLayout } from './layout-audit';

/** Screenshots land outside the repo for a person to look at; the assertions are the test. */
const shotsDir = process.env.MUSTER_SHOTS_DIR ?? '/tmp/shots';
const textSelectors = [
  'h1',
  'h2',
  'label',
  'legend',
  'summary',
  '.btn',
  '.muted',
  '.count',
  '.severity-chip',
  '.status-badge',
  '.service-link',
  '.alert-summary',
  '.alert-meta',
  '.alert-severity',
  '.maintenance-tag',
  '.external-link',
  '.image-link',
  '.change-summary',
  '.change-meta',
  '.alert-details dt',
  '.alert-details dd',
  '.maintenance-banner',
  '.window',
  '.heartbeat-name',
  '.state',
  '.snippet-label',
  '.snippet-text',
  '.shown-once',
  '.secret',
  '.timeline .headline',
  '.timeline .when',
  '[role="alert"]',
];

/** A heartbeat's ping URL, opened in the browser below. */
let pingUrl = '';
let server: ServerProcess;
let browser: Browser;
let admin: ApiSession;
let service: Service;
/** The key monitoring tools use; replaced when the test rotates it in the app. */
let integrationKey: string;

async function sendEvent(path: '/v2/enqueue' | '/v2/change/enqueue', body: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ routing_key: integrationKey, ...body }),
  });
  if (res.status !== 202) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
}

beforeAll(async () => {
  if (!existsSync(new URL('../../dist/index.html', import.meta.url))) {
    throw new Error('dist/ has no built app: run `npx vite build` first (npm test does)');
  }
  mkdirSync(shotsDir, { recursive: true });
  server = await startServer();
  browser = await launchBrowser();
  admin = await signIn(server.url, serverAdmin.email, serverAdmin.password);
  service = await admin.post<Service>('/services', { name: 'Checkout API (eu-west-1)', description: 'Card payments, refunds and the checkout pages' });
  integrationKey = service.integrationKey!;

  // The deploy twelve minutes before, then the alert it caused, sent twice (counted, not paged twice).
  await sendEvent('/v2/change/enqueue', {
    payload: { summary: 'Deployed checkout 2026.03.02-1', source: 'github-actions', timestamp: new Date(Date.now() - 12 * 60_000).toISOString() },
    links: [{ href: 'https://github.com/acme/checkout/pull/812', text: 'PR #812: retry card authorisation' }],
  });
  const alert = {
    event_action: 'trigger',
    dedup_key: 'checkout-5xx',
    client: 'Prometheus',
    client_url: 'https://prometheus.example.com/graph?g0.expr=checkout_5xx',
    payload: {
      summary: 'Checkout 5xx rate 42 % on web-3 <script>alert(1)</script>',
      source: 'web-3.eu-west-1.internal',
      severity: 'critical',
      component: 'checkout',
      custom_details: {
        region: 'eu-west-1',
        error_rate: 0.42,
        top_errors: { '502 Bad Gateway': 1204, '504 Gateway Timeout': 87 },
        hosts: ['web-1', 'web-3'],
        note: 'Started right after the deploy.\nRollback is safe.',
      },
    },
    links: [
      { href: 'https://grafana.example.com/d/checkout?orgId=1&var-region=eu-west-1', text: 'Checkout dashboard' },
      { href: 'https://runbooks.example.com/checkout/5xx', text: 'Runbook: checkout 5xx' },
    ],
    images: [{ src: 'https://grafana.example.com/render/d-solo/checkout/p99.png', href: 'https://grafana.example.com/d/checkout', alt: 'p99 latency, last hour' }],
  };
  await sendEvent('/v2/enqueue', alert);
  await sendEvent('/v2/enqueue', alert);

  // One job pinging on time, one that never has.
  const backup = await admin.post<Heartbeat>(`/services/${service.id}/heartbeats`, { name: 'Nightly backup', intervalSeconds: 86_400 });
  pingUrl = backup.url;
  const ping = await fetch(backup.url, { method: 'POST' });
  if (!ping.ok) throw new Error(`heartbeat ping answered ${ping.status}`);
  await admin.post(`/services/${service.id}/heartbeats`, { name: 'Invoice export (cron)', intervalSeconds: 3_600 });
});

afterAll(async () => {
  await browser?.close();
  await server?.cleanup();
});

async function signedInPhone(colorScheme: 'light' | 'dark'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newPhoneContext(browser, server.url, { colorScheme });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('Email').fill(serverAdmin.email);
  await page.getByLabel('Password').fill(serverAdmin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('.incident-card').first().waitFor();
  return { context, page };
}

async function expectFitsPhone(page: Page, name: string) {
  await page.screenshot({ path: join(shotsDir, `${name}.png`), fullPage: true });
  const audit = await auditLayout(page, textSelectors);
  expect(audit, name).toEqual({ overflowPx: 0, smallTargets: [], lowContrast: [] });
}

describe('service screen on a 390×844 phone', () => {
  it('starts maintenance and rotates the key, shown once and working at once', async () => {
    const { context, page } = await signedInPhone('light');
    await page.goto(`/services/${service.id}`);
    await page.locator('.heartbeat').first().waitFor();

    await page.getByRole('button', { name: 'Maintenance for 1 h' }).click();
    await page.locator('.maintenance-banner').waitFor();
    expect(await page.locator('.maintenance-banner').textContent()).toMatch(/In maintenance until .+: alerts open no incident and page nobody\./);

    await page.getByRole('button', { name: 'Rotate key to get a new one' }).click();
    await page.getByRole('button', { name: 'Rotate key', exact: true }).click();
    await page.locator('.secret').waitFor();
    const key = (await page.locator('.secret').textContent())!.trim();
    expect(key).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(await page.locator('.shown-once').textContent()).toContain('Copy it now: it will not be shown again');
    await page.getByRole('button', { name: 'Copy integration key' }).click();
    await page.getByRole('button', { name: 'Copy integration key' }).filter({ hasText: 'Copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
    await page.locator('[data-integration="alertmanager"] > summary').click();
    expect(await page.locator('[data-integration="alertmanager"] .snippet-text').first().textContent()).toContain(`routing_key: ${key}`);
    await page.locator('#key-heading').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shotsDir, 'service-key-shown-light.png') });
    expect(await auditLayout(page, textSelectors)).toEqual({ overflowPx: 0, smallTargets: [], lowContrast: [] });

    // The old key is refused at once; the new one works, and during maintenance it records without paging.
    const old = await fetch(`${server.url}/v2/enqueue`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ routing_key: integrationKey, event_action: 'trigger', payload: { summary: 'x', source: 'y', severity: 'info' } }),
    });
    expect(old.status).toBe(400);
    integrationKey = key;
    await sendEvent('/v2/enqueue', {
      event_action: 'trigger',
      dedup_key: 'db-migration-lag',
      payload: { summary: 'Replica lag 45 s during the schema migration', source: 'db-2', severity: 'warning' },
    });
    const open = await admin.get<ApiPage<Incident>>(`/incidents?serviceId=${service.id}`);
    expect(open.items).toHaveLength(1);
    await context.close();
  });

  describe.each(['light', 'dark'] as const)('in %s mode', (colorScheme) => {
    it('shows the alert, the deploy before it and the service set-up, fitting the phone', async () => {
      const { context, page } = await signedInPhone(colorScheme);

      await page.locator('.incident-card', { hasText: 'Checkout 5xx rate 42 %' }).click();
      await page.locator('.alert-card').waitFor();
      const card = page.locator('.alert-card');
      // A tool's markup is text; its http(s) links open in a new tab without opener or referrer.
      expect(await card.locator('.alert-summary').textContent()).toBe('Checkout 5xx rate 42 % on web-3 <script>alert(1)</script>');
      expect(await card.locator('script').count()).toBe(0);
      const dashboard = card.getByRole('link', { name: /Checkout dashboard/ });
      expect(await dashboard.getAttribute('rel')).toBe('noopener noreferrer');
      expect(await dashboard.getAttribute('target')).toBe('_blank');
      expect(await card.locator('.alert-meta').textContent()).toContain('fired 2 times');
      expect(await card.locator('.alert-details').textContent()).toContain('eu-west-1');
      // The server's CSP allows no remote images today: the image falls back to a link.
      await card.locator('.image-link', { hasText: 'Image: p99 latency, last hour' }).waitFor();
      expect(await page.locator('h2').allTextContents()).toEqual(['Phase: Triage', 'Command', 'Status updates', 'Times', 'Recent changes (1)', 'Alerts (1)', 'Timeline']);
      expect(await page.locator('.change-meta').textContent()).toContain('12 min before the incident started');
      await expectFitsPhone(page, `incident-alerts-${colorScheme}`);

      await page.locator('.service-link').click();
      await page.locator('.heartbeat').first().waitFor();
      await page.locator('.alert-card').first().waitFor();
      expect(await page.locator('h1').textContent()).toBe('Checkout API (eu-west-1)');
      await page.locator('.maintenance-banner').waitFor();
      expect(await page.locator('.alert-card', { hasText: 'Replica lag' }).locator('.maintenance-tag').textContent()).toBe('In maintenance · no incident');
      expect(await page.locator('.heartbeat[data-state="up"] .state').textContent()).toMatch(/^Up · last ping/);
      expect(await page.locator('.heartbeat[data-state="pending"] .state').textContent()).toBe('Waiting for first ping');
      expect(await page.locator('.change').count()).toBe(1);
      // Coming back, the key is gone: only its placeholder remains.
      expect(await page.locator('.secret').count()).toBe(0);
      await page.locator('[data-integration="alertmanager"] > summary').click();
      await page.locator('.heartbeat').first().locator('summary').click();
      expect(await page.locator('[data-integration="alertmanager"] .snippet-text').first().textContent()).toContain('routing_key: <integration key>');
      await expectFitsPhone(page, `service-${colorScheme}`);

      // A ping URL opened in this browser (someone testing it) reaches Muster, not the app's offline shell.
      // The worker takes control once it has precached the app, which on a loaded machine can be after the screens above.
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 15_000 });
      const opened = await page.goto(pingUrl);
      expect(opened?.fromServiceWorker()).toBe(false);
      expect(await opened?.json()).toEqual({ status: 'ok' });
      await page.goBack();
      await page.locator('.heartbeat').first().waitFor();

      await page.getByRole('button', { name: 'Rotate key to get a new one' }).click();
      await page.locator('.confirm').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(shotsDir, `service-rotate-confirm-${colorScheme}.png`) });
      expect(await auditLayout(page, [...textSelectors, '.warning'])).toEqual({ overflowPx: 0, smallTargets: [], lowContrast: [] });
      await context.close();
    });
  });
});
