import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../shared/api/accounts';
import type { IncidentDetail, TimelineEventType } from '../../shared/api/incidents';
import type { Review } from '../../shared/api/review';
import type { Service } from '../../shared/api/services';
import { signIn, type ApiSession } from '../helpers/api-session';
import { launchBrowser, newPhoneContext } from '../helpers/browser';
import { serverAdmin, startServer, type ServerProcess } from '../helpers/server-process';
import { auditLayout } from './layout-audit';

/**
 * Issue 12's end-to-end story: a commander (the server's admin) on a 390×844 phone triages three incidents and
 * runs one of them to a completed review and a closed incident, through the screens only. The API seeds the
 * incidents and checks what the server recorded.
 */

/** Screenshots for a person to look at; the assertions are the test. */
const shotsDir = process.env.MUSTER_SHOTS_DIR ?? '/work/screens';

const listText = ['h1', 'h2', '.btn', '.chip', '.muted', '.field', '.severity-chip', '.status-badge', '.incident-card .title', '.incident-card .meta', '.incident-card .age', '[role="alert"]'];
const commandText = [
  'h1',
  'h2',
  '.command h3',
  '.command .btn',
  '.command .label',
  '.command .holder',
  '.command .muted',
  '.command label',
  '.update .text',
  '.update .meta span',
  '.updates legend',
  '.updates .choice',
  '.phase-tracker .label',
  '.phase-tracker .btn',
  '[role="status"]',
];
const reviewText = ['h1', 'h2', 'h3', 'p', 'label', 'li', '.btn', '.muted', '[role="alert"]', '[role="status"]'];

const titles = { sev1: 'Checkout down', sev2: 'Emails delayed', sev3: 'Search slow' };

let server: ServerProcess;
let browser: Browser;
let admin: ApiSession;
let me: User;
let bob: User;
const incidents = {} as Record<keyof typeof titles, IncidentDetail>;

beforeAll(async () => {
  if (!existsSync(new URL('../../dist/index.html', import.meta.url))) throw new Error('dist/ has no built app: run `npx vite build` first');
  mkdirSync(shotsDir, { recursive: true });
  server = await startServer();
  browser = await launchBrowser();
  admin = await signIn(server.url, serverAdmin.email, serverAdmin.password);
  ({ user: me } = await admin.get<{ user: User }>('/me'));
  bob = await admin.post<User>('/users', { name: 'Bob Bemer', email: 'bob@muster.test', role: 'responder' });
  // The admin is on call: each incident pages them (not for another 15 min, so nothing escalates mid-test).
  const policy = await admin.post<{ id: string }>('/escalation-policies', {
    name: 'Storefront primary',
    repeat: 0,
    steps: [{ delaySeconds: 900, targets: [{ type: 'user', id: me.id }] }],
  });
  const service = await admin.post<Service>('/services', { name: 'Storefront' });
  await admin.patch(`/services/${service.id}`, { escalationPolicyId: policy.id });
  // Opened oldest first in an order that is not the triage order.
  incidents.sev3 = await admin.post<IncidentDetail>('/incidents', { serviceId: service.id, title: titles.sev3, severity: 'SEV-3' });
  incidents.sev1 = await admin.post<IncidentDetail>('/incidents', { serviceId: service.id, title: titles.sev1, severity: 'SEV-1' });
  incidents.sev2 = await admin.post<IncidentDetail>('/incidents', { serviceId: service.id, title: titles.sev2, severity: 'SEV-2' });
});

afterAll(async () => {
  await browser?.close();
  await server?.cleanup();
});

const detail = (incident: IncidentDetail) => admin.get<IncidentDetail>(`/incidents/${incident.id}`);
const openTitles = (page: Page) => page.locator('section[aria-labelledby="open-heading"] .incident-card .title').allTextContents();
const holder = (page: Page, label: string) => page.locator('.role', { has: page.locator('.label', { hasText: label }) }).locator('.who > :last-child');

/**
 * Screenshots in light and dark (what the phone shows, scrolled to `scrollTo` if given, and the whole page),
 * each audited for sideways scroll, small targets and low contrast.
 */
async function shootBoth(page: Page, name: string, textSelectors: string[], scrollTo?: string) {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    if (scrollTo) await page.locator(scrollTo).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    else await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(shotsDir, `commander-${name}-${colorScheme}.png`) });
    await page.screenshot({ path: join(shotsDir, `commander-${name}-${colorScheme}-full.png`), fullPage: true });
    expect(await auditLayout(page, textSelectors), `${name} ${colorScheme}`).toEqual({ overflowPx: 0, smallTargets: [], lowContrast: [] });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

describe('a commander on a 390×844 phone', () => {
  it('triages three incidents, then runs the SEV-1 through command, updates, resolve and a completed review to closed', { timeout: 240_000 }, async () => {
    const context = await newPhoneContext(browser, server.url);
    expect((await context.request.post('/api/v1/auth/login', { data: serverAdmin })).ok()).toBe(true);
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });

    // Triage: the SEV-1 first among the triggered, whatever order they were opened in.
    await page.goto('/');
    await expect.poll(() => openTitles(page), { timeout: 15_000 }).toEqual([titles.sev1, titles.sev2, titles.sev3]);

    // Acknowledge the SEV-1 from its own screen.
    await page.locator('.incident-card', { hasText: titles.sev1 }).click();
    await page.waitForURL(`**/incidents/${incidents.sev1.id}`);
    await page.getByRole('button', { name: 'Acknowledge' }).tap();
    await page.locator('.acknowledged-by', { hasText: `Acknowledged by ${me.name}` }).waitFor();
    await expect.poll(async () => (await detail(incidents.sev1)).status).toBe('acknowledged');

    // Back on the list: select mode re-rates the SEV-3, then acknowledges the SEV-2.
    await page.goBack();
    await page.waitForURL((url) => url.pathname === '/');
    await expect.poll(() => openTitles(page)).toEqual([titles.sev2, titles.sev3, titles.sev1]);
    await page.getByRole('button', { name: 'Select', exact: true }).tap();
    await page.getByRole('checkbox', { name: new RegExp(titles.sev3) }).check();
    await page.locator('#bulk-severity').selectOption('SEV-4');
    await page.getByRole('button', { name: 'Set severity of 1' }).tap();
    await expect.poll(async () => (await detail(incidents.sev3)).severity).toBe('SEV-4');
    await page.getByRole('button', { name: 'Select', exact: true }).tap();
    await page.getByRole('checkbox', { name: new RegExp(titles.sev2) }).check();
    await page.getByRole('button', { name: 'Acknowledge 1' }).tap();
    await expect.poll(async () => (await detail(incidents.sev2)).status).toBe('acknowledged');
    // Triggered first, then acknowledged, each by severity.
    await expect.poll(() => openTitles(page)).toEqual([titles.sev3, titles.sev1, titles.sev2]);
    await page.locator('.incident-card', { hasText: titles.sev3 }).locator('.severity-chip', { hasText: 'SEV-4' }).waitFor();
    await shootBoth(page, 'list', listText);

    // Command of the SEV-1.
    await page.locator('.incident-card', { hasText: titles.sev1 }).click();
    await page.waitForURL(`**/incidents/${incidents.sev1.id}`);
    await page.getByRole('button', { name: 'Take command' }).tap();
    await expect.poll(() => holder(page, 'Incident Commander').textContent()).toBe(me.name);
    await page.getByRole('button', { name: 'Assign Communications Lead' }).tap();
    await page.getByRole('searchbox', { name: 'Assign Communications Lead' }).fill('bob');
    await page.locator('.match', { hasText: bob.name }).tap();
    await expect.poll(() => holder(page, 'Communications Lead').textContent()).toBe(bob.name);

    await page.getByLabel('Stakeholders (everyone following)').check();
    await page.getByLabel('Update', { exact: true }).fill('Checkout is down for all customers. Rolling back release 88; next update in 30 min.');
    await page.getByRole('button', { name: 'Post update' }).tap();
    await page.locator('.update-list', { hasText: 'Rolling back release 88' }).waitFor();

    await page.getByText('Incident Commander checklist').waitFor();
    await page.locator('input[name="checklist-commander-size-up"]').tap();
    await expect.poll(async () => (await detail(incidents.sev1)).checklist).toEqual(['commander:size-up']);
    await expect(page.locator('input[name="checklist-commander-size-up"]').isChecked()).resolves.toBe(true);
    await shootBoth(page, 'command', commandText, '.command');

    // Mitigated, then resolved (Undo is offered for 5 s before it is sent).
    const tracker = page.locator('.phase-tracker');
    await tracker.getByRole('button', { name: 'Mark mitigated' }).tap();
    await tracker.locator('[aria-current="step"]', { hasText: 'Resolution' }).waitFor();
    await expect.poll(async () => (await detail(incidents.sev1)).mitigatedAt).not.toBeNull();
    await page.getByRole('button', { name: 'Resolve' }).tap();
    await page.locator('.undo-bar', { hasText: /Resolving in \d s/ }).waitFor();
    expect((await detail(incidents.sev1)).status).toBe('acknowledged');
    await expect.poll(async () => (await detail(incidents.sev1)).status, { timeout: 15_000 }).toBe('resolved');
    // Closing a SEV-1 waits for its review.
    await page.locator('.review-link', { hasText: 'Write the review' }).first().waitFor();

    // The review, written on the phone.
    await page.locator('a.review-link', { hasText: 'Write the review' }).first().tap();
    await page.getByRole('heading', { name: 'Post-incident review' }).waitFor();
    await page.getByRole('textbox', { name: 'Summary' }).fill('Checkout was down for all customers for 20 minutes after release 88; rolling it back restored service.');
    await page.locator('#factor-0').fill('The release pipeline had no canary stage for checkout');
    await page.getByRole('button', { name: '+ Add an action item' }).tap();
    await page.locator('#item-title-0').fill('Add a canary stage to the checkout pipeline');
    await page.locator('.items select').selectOption(bob.id);
    await page.getByRole('button', { name: 'Save', exact: true }).tap();
    await page.getByText('Saved.').waitFor();
    await page.getByRole('button', { name: 'Complete the review' }).tap();
    await page.getByText(/Review completed/).first().waitFor();
    await expect.poll(async () => (await detail(incidents.sev1)).reviewCompletedAt).not.toBeNull();
    await shootBoth(page, 'review', reviewText);

    // And closed, from the incident screen.
    await page.goto(`/incidents/${incidents.sev1.id}`);
    await tracker.getByRole('button', { name: 'Close' }).tap();
    await expect.poll(async () => (await detail(incidents.sev1)).phase).toBe('closed');
    await tracker.locator('[aria-current="step"]', { hasText: 'Closed' }).waitFor();

    // What the server recorded.
    const sev1 = await detail(incidents.sev1);
    expect(sev1).toMatchObject({
      status: 'resolved',
      phase: 'closed',
      mitigatedAt: expect.any(String),
      reviewCompletedAt: expect.any(String),
      closedAt: expect.any(String),
      checklist: ['commander:size-up'],
      roles: { commander: { id: me.id, name: me.name }, communications: { id: bob.id, name: bob.name }, scribe: null, experts: [] },
    });
    const updates = sev1.timeline.filter((event) => event.type === 'status_update');
    expect(updates).toEqual([
      expect.objectContaining({ actor: expect.objectContaining({ name: me.name }), data: expect.objectContaining({ audience: 'stakeholders', text: expect.stringContaining('Rolling back release 88') }) }),
    ]);
    // Each command once: no double taps, no duplicate replays.
    const count = (type: TimelineEventType) => sev1.timeline.filter((event) => event.type === type).length;
    expect({
      acknowledged: count('acknowledged'),
      role_changed: count('role_changed'),
      status_update: count('status_update'),
      checklist_ticked: count('checklist_ticked'),
      mitigated: count('mitigated'),
      resolved: count('resolved'),
      review_completed: count('review_completed'),
      closed: sev1.timeline.filter((event) => event.type === 'phase_changed' && (event.data as { to?: string }).to === 'closed').length,
    }).toEqual({ acknowledged: 1, role_changed: 2, status_update: 1, checklist_ticked: 1, mitigated: 1, resolved: 1, review_completed: 1, closed: 1 });
    expect(sev1.timeline.filter((event) => event.type === 'role_changed').map((event) => event.data)).toEqual([
      { role: 'commander', from: null, to: { id: me.id, name: me.name } },
      { role: 'communications', from: null, to: { id: bob.id, name: bob.name } },
    ]);

    const review = await admin.get<Review>(`/incidents/${incidents.sev1.id}/review`);
    expect(review).toMatchObject({
      completedAt: expect.any(String),
      content: { summary: expect.stringContaining('release 88'), contributingFactors: ['The release pipeline had no canary stage for checkout'] },
      actionItems: [{ title: 'Add a canary stage to the checkout pipeline', ownerId: bob.id, ownerName: bob.name, status: 'open' }],
    });

    const sev3 = await detail(incidents.sev3);
    expect(sev3).toMatchObject({ severity: 'SEV-4', status: 'triggered' });
    expect(sev3.timeline.filter((event) => event.type === 'severity_changed')).toHaveLength(1);
    const sev2 = await detail(incidents.sev2);
    expect(sev2).toMatchObject({ severity: 'SEV-2', status: 'acknowledged', phase: 'response' });
    expect(sev2.timeline.filter((event) => event.type === 'acknowledged')).toHaveLength(1);
    expect(dialogs).toEqual([]);
    await context.close();
  });
});
