import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../shared/api/accounts';
import type { IncidentDetail } from '../../shared/api/incidents';
import type { ActionItemAcrossIncidents, Review } from '../../shared/api/review';
import type { Service } from '../../shared/api/services';
import { signIn, type ApiSession } from '../helpers/api-session';
import { launchBrowser, newPhoneContext } from '../helpers/browser';
import { serverAdmin, startServer, type ServerProcess } from '../helpers/server-process';
import { auditLayout } from './layout-audit';

/** Screenshots for a person to look at; the assertions are the test. */
const shotsDir = process.env.MUSTER_SHOTS_DIR ?? '/work/screens';
const textSelectors = ['h1', 'h2', 'h3', 'p', 'label', 'li', '.btn', '.muted', '[role="alert"]', '[role="status"]'];

let server: ServerProcess;
let browser: Browser;
let admin: ApiSession;
let incident: IncidentDetail;
let other: IncidentDetail;
let bob: User;

beforeAll(async () => {
  if (!existsSync(new URL('../../dist/index.html', import.meta.url))) throw new Error('dist/ has no built app: run `npx vite build` first');
  mkdirSync(shotsDir, { recursive: true });
  server = await startServer();
  browser = await launchBrowser();
  admin = await signIn(server.url, serverAdmin.email, serverAdmin.password);
  bob = await admin.post<User>('/users', { name: 'Bob Bemer', email: 'bob@example.com', role: 'responder' });
  const service = await admin.post<Service>('/services', { name: 'Payments gateway (eu-west-1)' });
  incident = await admin.post<IncidentDetail>('/incidents', { serviceId: service.id, title: 'Card payments fail with gateway timeouts', severity: 'SEV-2' });
  other = await admin.post<IncidentDetail>('/incidents', { serviceId: service.id, title: 'Refunds stuck in the queue', severity: 'SEV-3' });
  await admin.post(`/incidents/${incident.id}/acknowledge`);
  await admin.post(`/incidents/${incident.id}/notes`, { text: 'Rolled back gateway config <img src=x onerror=alert(1)>' });
  await admin.post(`/incidents/${incident.id}/resolve`);
});

afterAll(async () => {
  await browser?.close();
  await server?.cleanup();
});

/** Audits the page as shown in light and in dark, with a screenshot of each. */
async function auditBoth(page: Page, shot: string) {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({ path: join(shotsDir, `review-${shot}-${colorScheme}.png`), fullPage: true });
    expect(await auditLayout(page, textSelectors), `${shot} ${colorScheme}`).toEqual({ overflowPx: 0, smallTargets: [], lowContrast: [] });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

describe('post-incident review on a phone (390×844)', () => {
  it('writes and completes a review, then ticks its action item done on the action items screen', async () => {
    const context = await newPhoneContext(browser, server.url);
    expect((await context.request.post('/api/v1/auth/login', { data: serverAdmin })).ok()).toBe(true);
    const page = await context.newPage();
    const alerts: string[] = [];
    page.on('dialog', (dialog) => {
      alerts.push(dialog.message());
      void dialog.dismiss();
    });

    await page.goto(`/incidents/${incident.id}`);
    await page.getByRole('link', { name: 'Write the review' }).click();
    await page.getByRole('heading', { name: 'Post-incident review' }).waitFor();
    // The generated timeline is the starting point, shown as text (the note's markup stays inert).
    await expect.poll(() => page.locator('ol textarea').count()).toBeGreaterThanOrEqual(4);
    expect(await page.locator('ol textarea').nth(2).inputValue()).toContain('<img src=x onerror=alert(1)>');
    expect(await page.locator('img').count()).toBe(0);

    await page.getByRole('textbox', { name: 'Summary' }).fill('Card payments failed for 45 minutes: the gateway timed out under load.');
    await page.getByLabel('Users affected').fill('about 1,200 shoppers');
    await page.locator('#factor-0').fill('Bob Bemer');
    await page.getByText('“Bob Bemer” names a person').waitFor();
    await page.locator('#factor-0').fill('The gateway timeout (2 s) was below its p99 latency under load');
    await page.getByRole('button', { name: '+ Add an action item' }).click();
    await page.locator('#item-title-0').fill('Raise the gateway timeout and alert on its p99');
    await page.locator('.items select').selectOption(bob.id);
    await page.locator('.items input[type="date"]').fill('2026-01-05');
    await page.getByLabel('Incident number').fill(String(other.number));
    await page.getByLabel('Kind').selectOption('same-cause');
    await page.getByRole('button', { name: 'Link incident' }).click();
    await page.getByRole('link', { name: `#${other.number} Refunds stuck in the queue` }).waitFor();
    await auditBoth(page, 'editing');

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved.').waitFor();
    await page.getByRole('button', { name: 'Complete the review' }).click();
    await page.getByText(/Review completed/).first().waitFor();
    await auditBoth(page, 'completed');

    const review = await admin.get<Review>(`/incidents/${incident.id}/review`);
    expect(review).toMatchObject({
      completedAt: expect.any(String),
      content: { usersAffected: 'about 1,200 shoppers', contributingFactors: ['The gateway timeout (2 s) was below its p99 latency under load'] },
      actionItems: [{ title: 'Raise the gateway timeout and alert on its p99', ownerName: 'Bob Bemer', dueDate: '2026-01-05', status: 'open' }],
      linkedIncidents: [{ number: other.number, kind: 'same-cause' }],
    });
    expect((await admin.get<IncidentDetail>(`/incidents/${incident.id}`)).phase).toBe('review');
    const markdown = await context.request.get(`/api/v1/incidents/${incident.id}/review.md`);
    expect(markdown.headers()['content-type']).toBe('text/markdown; charset=utf-8');
    expect(await markdown.text()).toContain('| Raise the gateway timeout and alert on its p99 | Bob Bemer | 2026-01-05 | open |');

    await page.goto(`/incidents/${incident.id}`);
    await page.getByRole('link', { name: /Review completed/ }).waitFor();

    await page.goto('/');
    await page.getByRole('link', { name: 'Action items from reviews' }).click();
    await page.getByRole('heading', { name: 'Open action items' }).waitFor();
    await page.getByText('Overdue · due 2026-01-05').waitFor();
    await auditBoth(page, 'action-items');
    await page.getByRole('checkbox', { name: 'Done: Raise the gateway timeout and alert on its p99' }).check();
    await expect
      .poll(async () => (await admin.get<{ items: ActionItemAcrossIncidents[] }>('/action-items?status=done')).items.map((item) => item.title))
      .toEqual(['Raise the gateway timeout and alert on its p99']);
    await page.screenshot({ path: join(shotsDir, 'review-action-items-ticked-light.png'), fullPage: true });
    expect(alerts).toEqual([]);
    await context.close();
  });
});
