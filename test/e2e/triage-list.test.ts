import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../shared/api/accounts';
import type { IncidentDetail } from '../../shared/api/incidents';
import type { Service } from '../../shared/api/services';
import { launchBrowser, newPhoneContext } from '../helpers/browser';
import { startPushEndpoint, type PushEndpoint } from '../helpers/push-endpoint';
import { serverAdmin, startServer, type ServerProcess } from '../helpers/server-process';
import { signIn, type ApiSession } from '../helpers/api-session';
import { auditLayout } from './layout-audit';

/** Screenshots for a person to look at; the assertions are the test. */
const shotsDir = process.env.MUSTER_SHOTS_DIR ?? '/work/screens';
const textSelectors = [
  'h1',
  'h2',
  '.btn',
  '.chip',
  '.muted',
  '.field',
  '.severity-chip',
  '.status-badge',
  '.incident-card .title',
  '.incident-card .meta',
  '.incident-card .age',
  '[role="alert"]',
];
const ada = { email: 'ada@muster.test', name: 'Ada Lovelace', password: 'analytical engine 1843' };

let server: ServerProcess;
let push: PushEndpoint;
let browser: Browser;
let admin: ApiSession;
const byTitle = new Map<string, IncidentDetail>();

/** The order a commander must see them in: triggered by severity then longest waiting, then acknowledged. */
const triageOrder = [
  'Card payments fail with HTTP 500 for every customer in the EU region since the last deploy',
  'Refund queue backlog above 10 000',
  'Checkout latency p99 above 4 s',
  'Checkout search index stale',
  'Payouts delayed for Dutch merchants',
  'Nightly ledger export failed',
];

beforeAll(async () => {
  if (!existsSync(new URL('../../dist/index.html', import.meta.url))) {
    throw new Error('dist/ has no built app: run `npx vite build` first (npm test does)');
  }
  push = await startPushEndpoint();
  server = await startServer({ env: { MUSTER_PUSH_ALLOWED_HOSTS: push.host, NODE_EXTRA_CA_CERTS: push.caFile } });
  browser = await launchBrowser();
  admin = await signIn(server.url, serverAdmin.email, serverAdmin.password);

  const responder = await admin.post<User>('/users', { ...ada, role: 'responder' });
  const session = await signIn(server.url, ada.email, ada.password);
  await session.post('/push/subscriptions', { ...push.newSubscription(ada.name), label: ada.name });
  const policy = await admin.post<{ id: string }>('/escalation-policies', {
    name: 'Payments primary',
    repeat: 0,
    steps: [{ delaySeconds: 900, targets: [{ type: 'user', id: responder.id }] }],
  });
  const payments = await admin.post<Service>('/services', { name: 'Payments gateway' });
  await admin.patch(`/services/${payments.id}`, { escalationPolicyId: policy.id });
  const ledger = await admin.post<Service>('/services', { name: 'Ledger' });

  // Opened in this order (oldest first); acknowledged and resolved ones by the admin.
  const seed: Array<[string, string, Service, 'triggered' | 'acknowledged' | 'resolved']> = [
    ['Nightly ledger export failed', 'SEV-3', ledger, 'acknowledged'],
    ['Refund queue backlog above 10 000', 'SEV-2', payments, 'triggered'],
    ['Old cache outage', 'SEV-1', ledger, 'resolved'],
    ['Checkout search index stale', 'SEV-4', payments, 'triggered'],
    ['Checkout latency p99 above 4 s', 'SEV-2', payments, 'triggered'],
    ['Payouts delayed for Dutch merchants', 'SEV-1', ledger, 'acknowledged'],
    [triageOrder[0], 'SEV-1', payments, 'triggered'],
  ];
  for (const [title, severity, service, status] of seed) {
    const incident = await admin.post<IncidentDetail>('/incidents', { serviceId: service.id, title, severity });
    if (status === 'acknowledged') await admin.post(`/incidents/${incident.id}/acknowledge`);
    if (status === 'resolved') await admin.post(`/incidents/${incident.id}/resolve`);
    byTitle.set(title, incident);
  }
});

afterAll(async () => {
  await browser?.close();
  await server?.cleanup();
  await push?.close();
});

/**
 * A commander's phone that is already set up: notifications allowed and subscribed (headless Chromium has no
 * push service, so the subscription is stubbed), so the first-run guide is not in the way of the list.
 */
async function signInAsAda(page: Page): Promise<void> {
  await page.context().grantPermissions(['notifications']);
  await page.addInitScript(() => {
    PushManager.prototype.getSubscription = async () => ({ endpoint: 'https://push.invalid/ada' }) as PushSubscription;
  });
  await page.goto('/login');
  await page.getByLabel('Email').fill(ada.email);
  await page.getByLabel('Password').fill(ada.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('.incident-card').nth(5).waitFor();
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await page.locator('.incident-card').nth(5).waitFor();
  await page.waitForTimeout(300);
}

const openTitles = (page: Page) => page.locator('section[aria-labelledby="open-heading"] .incident-card .title').allTextContents();

/** Cards whose whole box is on screen, above the fixed tab bar, without scrolling. */
async function cardsFullyVisible(page: Page): Promise<number> {
  return page.evaluate(() => {
    const tabBar = document.querySelector('nav.tab-bar, .tab-bar');
    const bottom = tabBar ? tabBar.getBoundingClientRect().top : window.innerHeight;
    return [...document.querySelectorAll('.incident-card')].filter((card) => {
      const box = card.getBoundingClientRect();
      return box.top >= 0 && box.bottom <= bottom;
    }).length;
  });
}

describe.each(['light', 'dark'] as const)('the triage list on a 390×844 phone in %s mode', (colorScheme) => {
  it('shows the triage order, at least five cards without scrolling, and reads clearly', async () => {
    const context = await newPhoneContext(browser, server.url, { colorScheme });
    const page = await context.newPage();
    await signInAsAda(page);
    expect(await openTitles(page)).toEqual(triageOrder);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await page.screenshot({ path: `${shotsDir}/triage-list-${colorScheme}.png` });
    const visible = await cardsFullyVisible(page);
    expect(visible).toBeGreaterThanOrEqual(5);
    // Who has it, on the card.
    await expect(page.locator('.incident-card', { hasText: 'Payouts delayed' }).locator('.who').textContent()).resolves.toMatch(/^Ack’d by \w+/);
    await page.locator('.incident-card', { hasText: 'Checkout latency' }).locator('.who', { hasText: 'Paging Ada Lovelace' }).waitFor();
    expect(await auditLayout(page, textSelectors)).toEqual({ overflowPx: 0, smallTargets: [], lowContrast: [] });

    await page.getByRole('button', { name: 'Filters' }).tap();
    await page.getByRole('button', { name: 'SEV-1', exact: true }).tap();
    await page.waitForURL('**/?severity=SEV-1');
    await page.screenshot({ path: `${shotsDir}/triage-filters-${colorScheme}.png` });
    expect(await auditLayout(page, textSelectors)).toEqual({ overflowPx: 0, smallTargets: [], lowContrast: [] });
    await context.close();
    console.log(`triage list ${colorScheme}: ${visible} cards fully visible at 390×844`);
  });
});

describe('filters and search kept in the address', () => {
  it('narrows by chip and search, keeps both on reload, and back undoes them', async () => {
    const context = await newPhoneContext(browser, server.url);
    const page = await context.newPage();
    await signInAsAda(page);

    await page.getByRole('button', { name: 'Filters' }).tap();
    await page.getByRole('button', { name: 'Triggered', exact: true }).tap();
    await page.waitForURL('**/?status=triggered');
    await expect.poll(() => openTitles(page)).toEqual(triageOrder.slice(0, 4));

    await page.getByLabel('Search incidents').fill('checkout');
    await page.getByLabel('Search incidents').press('Enter');
    await page.waitForURL('**/?status=triggered&q=checkout');
    await expect.poll(() => openTitles(page)).toEqual(['Checkout latency p99 above 4 s', 'Checkout search index stale']);

    await page.reload();
    await expect.poll(() => openTitles(page)).toEqual(['Checkout latency p99 above 4 s', 'Checkout search index stale']);
    await expect(page.getByLabel('Search incidents').inputValue()).resolves.toBe('checkout');
    await page.getByRole('button', { name: 'Filters (1)' }).waitFor();

    await page.goBack();
    await page.waitForURL('**/?status=triggered');
    await expect.poll(() => openTitles(page)).toEqual(triageOrder.slice(0, 4));
    await context.close();
  });
});

describe('bulk set severity', () => {
  it('re-rates the picked incidents with one PATCH each, shown at once', async () => {
    const context = await newPhoneContext(browser, server.url);
    const page = await context.newPage();
    const patches: Array<{ url: string; key: string | undefined }> = [];
    page.on('request', (req) => {
      if (req.method() === 'PATCH') patches.push({ url: req.url(), key: req.headers()['idempotency-key'] });
    });
    await signInAsAda(page);
    await page.getByRole('button', { name: 'Select', exact: true }).tap();
    await page.getByRole('checkbox', { name: /Checkout search index stale/ }).check();
    await page.getByRole('checkbox', { name: /Nightly ledger export failed/ }).check();
    await page.locator('#bulk-severity').selectOption('SEV-2');
    await page.screenshot({ path: `${shotsDir}/triage-bulk.png` });
    expect(await auditLayout(page, textSelectors)).toEqual({ overflowPx: 0, smallTargets: [], lowContrast: [] });
    await page.getByRole('button', { name: 'Set severity of 2' }).tap();

    // Both now SEV-2: re-sorted among the SEV-2s of their status, oldest first.
    await expect
      .poll(() => openTitles(page))
      .toEqual([triageOrder[0], 'Refund queue backlog above 10 000', 'Checkout search index stale', 'Checkout latency p99 above 4 s', triageOrder[4], triageOrder[5]]);
    await expect.poll(() => patches.length).toBe(2);
    expect(new Set(patches.map((patch) => patch.key)).size).toBe(2);
    for (const title of ['Checkout search index stale', 'Nightly ledger export failed']) {
      await expect.poll(async () => (await admin.get<IncidentDetail>(`/incidents/${byTitle.get(title)!.id}`)).severity).toBe('SEV-2');
    }
    await context.close();
  });
});
