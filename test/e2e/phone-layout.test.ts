import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentDetail } from '../../shared/api/incidents';
import type { Service } from '../../shared/api/services';
import { launchBrowser, newPhoneContext } from '../helpers/browser';
import { serverAdmin, startServer, type ServerProcess } from '../helpers/server-process';
import { signIn, type ApiSession } from '../helpers/api-session';
import { auditLayout } from './layout-audit';

/** Screenshots land outside the repo for a person to look at; the assertions below are the test. */
const shotsDir = process.env.MUSTER_SHOTS_DIR ?? '/tmp/muster-shots';
const textSelectors = [
  'h1',
  'h2',
  'label',
  '.btn',
  '.muted',
  '.severity-chip',
  '.status-badge',
  '.incident-card .title',
  '.incident-card .meta',
  '.incident-card .age',
  '.timeline .headline',
  '.timeline .when',
  '.timeline .body',
  '[role="alert"]',
];

let server: ServerProcess;
let browser: Browser;
let admin: ApiSession;
let worst: IncidentDetail;

beforeAll(async () => {
  if (!existsSync(new URL('../../dist/index.html', import.meta.url))) {
    throw new Error('dist/ has no built app: run `npx vite build` first (npm test does)');
  }
  mkdirSync(shotsDir, { recursive: true });
  server = await startServer();
  browser = await launchBrowser();
  admin = await signIn(server.url, serverAdmin.email, serverAdmin.password);

  // A realistic night: every severity, a long title, a resolved one, and a busy timeline.
  const payments = await admin.post<Service>('/services', { name: 'Payments gateway (eu-west-1)' });
  const web = await admin.post<Service>('/services', { name: 'Web storefront' });
  const open = (service: Service, title: string, severity: string) =>
    admin.post<IncidentDetail>('/incidents', { serviceId: service.id, title, severity });
  const resolved = await open(web, 'TLS certificate expires in 7 days', 'SEV-4');
  await admin.post(`/incidents/${resolved.id}/resolve`);
  await open(web, 'Disk 85 % full on db-replica-2', 'SEV-3');
  const acked = await open(web, 'Checkout p99 latency above 2 s', 'SEV-2');
  await admin.post(`/incidents/${acked.id}/acknowledge`);
  worst = await open(payments, 'Card payments fail with HTTP 500 for every customer since deploy 2026.03.02-1', 'SEV-2');
  await admin.patch(`/incidents/${worst.id}`, { severity: 'SEV-1' });
  await admin.post(`/incidents/${worst.id}/notes`, {
    text: 'Rolled back to 2026.03.01-4, error rate still 100 %. Paging the payments team lead.',
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.cleanup();
});

async function expectFitsPhone(page: Page, name: string) {
  await page.screenshot({ path: join(shotsDir, `${name}.png`), fullPage: true });
  const audit = await auditLayout(page, textSelectors);
  expect(audit, name).toEqual({ overflowPx: 0, smallTargets: [], lowContrast: [] });
}

describe.each(['light', 'dark'] as const)('on a 390×844 phone in %s mode', (colorScheme) => {
  it('sign-in, incident list and incident detail fit, read clearly and are easy to tap', async () => {
    const context = await newPhoneContext(browser, server.url, { colorScheme });
    const page = await context.newPage();

    await page.goto('/');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await expectFitsPhone(page, `login-${colorScheme}`);

    await page.getByLabel('Email').fill(serverAdmin.email);
    await page.getByLabel('Password').fill(serverAdmin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.incident-card').nth(3).waitFor();
    await expectFitsPhone(page, `list-${colorScheme}`);

    await page.getByRole('button', { name: '+ New incident' }).click();
    await page.getByRole('option', { name: 'Web storefront' }).waitFor({ state: 'attached' });
    await expectFitsPhone(page, `new-incident-${colorScheme}`);
    await page.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('link', { name: /Card payments fail/ }).click();
    await page.locator('.timeline li', { hasText: 'added a note' }).waitFor();
    await expectFitsPhone(page, `detail-${colorScheme}`);
    await context.close();
  });
});

describe('incident cards on a 390×844 phone', () => {
  it('line up whatever their status, and keep their age on the first line, in select mode too', async () => {
    const context = await newPhoneContext(browser, server.url);
    // An hour on, every card reads "59 minutes ago": the longest an age gets on the first line.
    await context.clock.setFixedTime(new Date(Date.now() + 59 * 60_000));
    const page = await context.newPage();
    await page.goto('/');
    await page.getByLabel('Email').fill(serverAdmin.email);
    await page.getByLabel('Password').fill(serverAdmin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.incident-card').nth(3).waitFor();

    const cardLayout = () =>
      page.locator('.incident-card').evaluateAll((cards) =>
        cards.map((card) => {
          const box = (selector: string) => card.querySelector(selector)!.getBoundingClientRect();
          return {
            status: card.getAttribute('data-status'),
            age: card.querySelector('.age')!.textContent,
            titleLeft: Math.round(box('.title').left - card.getBoundingClientRect().left),
            ageOnFirstLine: Math.abs(box('.age').top - box('.severity-chip').top) < 12,
          };
        }),
      );
    for (const mode of ['list', 'select'] as const) {
      if (mode === 'select') await page.getByRole('button', { name: 'Select' }).click();
      const cards = await cardLayout();
      expect(new Set(cards.map((card) => card.status))).toEqual(new Set(['triggered', 'acknowledged', 'resolved']));
      expect(cards.every((card) => card.age === '59 minutes ago'), JSON.stringify(cards)).toBe(true);
      expect(new Set(cards.map((card) => card.titleLeft)).size, `${mode}: ${JSON.stringify(cards)}`).toBe(1);
      expect(cards.filter((card) => !card.ageOnFirstLine), mode).toEqual([]);
      await page.screenshot({ path: join(shotsDir, `cards-${mode}.png`) });
    }
    await context.close();
  });
});
