import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PagePayload } from '../../shared/api/push';
import { launchBrowser } from '../helpers/browser';
import { startPushEndpoint, type PushEndpoint } from '../helpers/push-endpoint';
import { startServer, type ServerProcess } from '../helpers/server-process';
import { stubPushManager } from './pwa-fixture';

/**
 * A new team's first hour, through the screens only: the first admin, a responder invited by link, a schedule,
 * an escalation policy and a service, then an incident that pages the responder's phone through the local push
 * service. Once where responders act (a phone) and once where team leads set up (a laptop).
 */
const sizes = [
  { name: 'phone', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
  { name: 'laptop', viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false },
] as const;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

let server: ServerProcess | undefined;
let push: PushEndpoint | undefined;
const contexts: BrowserContext[] = [];
afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close().catch(() => undefined);
  await server?.cleanup();
  await push?.close();
});

async function openTab(page: Page, tab: string, section: string) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: tab }).click();
  await page.waitForURL(`**/${tab.toLowerCase()}`);
  await page.getByRole('navigation', { name: 'Team setup' }).getByRole('link', { name: new RegExp(`^${section}`) }).click();
}

describe.each(sizes)('a team set up from nothing on a $name', (size) => {
  it('invites a responder, builds schedule, policy and service, and the first incident pages that responder', async () => {
    push = await startPushEndpoint();
    server = await startServer({ noAdmin: true, env: { MUSTER_PUSH_ALLOWED_HOSTS: push.host, NODE_EXTRA_CA_CERTS: push.caFile } });
    const options = { baseURL: server.url, viewport: size.viewport, isMobile: size.isMobile, hasTouch: size.hasTouch, deviceScaleFactor: 1 };
    const lead = await browser.newContext(options);
    contexts.push(lead);
    const page = await lead.newPage();

    // The first admin, through the one-time setup form.
    await page.goto('/');
    await page.waitForURL('**/setup');
    await page.locator('input[name="name"]').fill('Lena Lead');
    await page.locator('input[name="email"]').fill('lena@muster.test');
    await page.locator('input[name="password"]').fill('team lead password 1');
    await page.getByRole('button', { name: 'Create admin account' }).click();
    const guide = page.getByRole('region', { name: /Set up paging/ });
    await expect.poll(() => guide.textContent()).toContain('0 of 7 done');
    // A step still to do has an empty circle: only done steps are filled (all were, so nothing looked left to do).
    const markFill = (n: number) => guide.locator('.mark').nth(n).evaluate((mark) => getComputedStyle(mark).backgroundColor);
    expect(await markFill(0)).toBe('rgba(0, 0, 0, 0)');

    // People: Dana is invited and gets a one-time link instead of a password someone else typed.
    await guide.getByRole('link', { name: /Add the people who get paged/ }).click();
    await page.waitForURL('**/people');
    await page.locator('form[aria-label="Add person"] input[name="name"]').fill('Dana Reyes');
    await page.locator('form[aria-label="Add person"] input[name="email"]').fill('dana@muster.test');
    await page.locator('form[aria-label="Add person"] select[name="role"]').selectOption('responder');
    await page.getByRole('button', { name: 'Add person' }).click();
    const link = await page.locator('.sign-in-link code').textContent();
    expect(link).toMatch(new RegExp(`^${server.url}/welcome/`));

    // A weekly schedule with Dana on it; the calendar shows her before anything is saved.
    await openTab(page, 'Team', 'Schedules');
    await page.getByRole('link', { name: 'New schedule' }).click();
    await page.locator('form[aria-label="Schedule"] input[name="name"]').fill('Primary');
    await page.locator('input[name="person-search"]').fill('dana');
    await page.getByRole('button', { name: /\+ Dana Reyes/ }).click();
    await page.getByText('Preview — not saved yet').waitFor();
    await expect.poll(() => page.locator('.calendar, [class*="calendar"]').first().textContent()).toContain('Dana Reyes');
    await page.getByRole('button', { name: 'Create schedule' }).click();
    await page.waitForURL(/\/schedules\/(?!new$)[\w-]+$/);

    // A policy paging whoever is on call for Primary.
    await openTab(page, 'Team', 'Escalation policies');
    await page.getByRole('link', { name: 'New policy' }).click();
    await page.locator('form[aria-label="Escalation policy"] input[name="name"]').first().fill('Checkout on call');
    await page.getByPlaceholder('Type a name or email').fill('Prim');
    await page.getByRole('button', { name: /^Primary/ }).click();
    await expect.poll(() => page.getByText(/At once: page whoever is on call for Primary/).count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Create policy' }).click();
    await page.waitForURL(/\/policies\/(?!new$)[\w-]+$/);

    // The service, paging through that policy.
    await openTab(page, 'Team', 'Services');
    await page.getByRole('link', { name: 'New service' }).click();
    await page.locator('input[name="name"]').fill('Checkout');
    await page.locator('select[name="policy"]').selectOption({ label: 'Checkout on call' });
    await page.getByRole('button', { name: 'Create service' }).click();
    await page.waitForURL(/\/services\/(?!new$)[\w-]+$/);
    await page.getByRole('heading', { name: 'Checkout' }).waitFor();

    // Dana opens her link on her phone, chooses a password and turns push on.
    const phone = await browser.newContext({ ...options, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    contexts.push(phone);
    await phone.grantPermissions(['notifications'], { origin: server.url });
    const subscription = push.newSubscription("Dana's phone");
    await phone.addInitScript(stubPushManager, subscription);
    const dana = await phone.newPage();
    await dana.goto(new URL(link!).pathname);
    await dana.getByText('Welcome, Dana Reyes').waitFor();
    await dana.locator('input[name="password"]').fill('dana chose this one');
    await dana.locator('input[name="confirmation"]').fill('dana chose this one');
    await dana.getByRole('button', { name: /Set password and sign in/ }).click();
    await dana.waitForURL(`${server.url}/`);
    await dana.goto('/settings');
    await dana.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await dana.getByRole('button', { name: 'Enable push' }).click();
    await expect.poll(() => dana.getByTestId('push-state').textContent()).toBe('Enabled');

    // The first incident on Checkout pages Dana, the one person on call.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Incidents' }).click();
    await page.getByRole('button', { name: '+ New incident' }).click();
    await page.locator('input[name="title"]').fill('Checkout returns 502');
    await page.locator('select[name="serviceId"]').selectOption({ label: 'Checkout' });
    await page.getByRole('button', { name: 'Open incident' }).click();
    const received = await push.waitFor((message) => message.endpoint === subscription.endpoint && message.payload?.includes('Checkout returns 502') === true);
    const payload = JSON.parse(received.payload!) as PagePayload;
    expect(payload).toMatchObject({ type: 'page', title: 'Checkout returns 502', service: 'Checkout', drill: false });
    expect(push.received.filter((message) => message.payload?.includes('"type":"page"'))).toHaveLength(1);
  });
});
