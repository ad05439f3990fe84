import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentDetail } from '../../shared/api/incidents';
import { launchBrowser, newPhoneContext } from '../helpers/browser';
import { auditLayout } from './layout-audit';
import { signInAndOpen } from './offline-app';
import { startPwaFixture, type PwaFixture } from './pwa-fixture';

// Ada posts a status update from her phone while offline; it is sent once when she is back online, and reaches
// Katherine's phone (following the incident) as an ordinary notification through her service worker.

const shots = '/work/screens';
const ada = { email: 'ada@muster.test', password: 'analytical engine 1843', name: 'Ada Lovelace' };

let f: PwaFixture;
let follower: Page;
let browser: Browser;
let incident: IncidentDetail;

beforeAll(async () => {
  f = await startPwaFixture('Katherine Johnson');
  follower = await f.openApp('/settings');
  await follower.getByRole('button', { name: 'Enable push' }).tap();
  await follower.getByTestId('push-state').getByText('Enabled').waitFor();
  await f.admin.post('/users', { ...ada, role: 'responder' });
  ({ incident } = await f.trigger('Card payments fail with HTTP 500', 'SEV-1'));
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await f?.close();
});

const textSelectors = ['#updates-heading', '.due', '.update .text', '.update .meta span', '.updates legend', '.updates .choice', '.follow p', '.offline-banner p', '.not-sent'];

async function shotAndAudit(page: Page, name: string) {
  await page.locator('#updates-heading').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shots}/updates-${name}.png` });
  expect(await auditLayout(page, textSelectors), name).toEqual({ overflowPx: 0, smallTargets: [], lowContrast: [] });
}

function watchPosts(context: BrowserContext) {
  const sent: string[] = [];
  context.on('requestfinished', (req: Request) => {
    if (req.method() === 'POST' && new URL(req.url()).pathname.endsWith('/status-updates')) sent.push(req.headers()['idempotency-key'] ?? '');
  });
  return sent;
}

const statusUpdates = async () => (await f.admin.get<IncidentDetail>(`/incidents/${incident.id}`)).timeline.filter((event) => event.type === 'status_update');

describe('status updates from a phone', () => {
  it('a follower follows from the incident screen', async () => {
    await follower.goto(`/incidents/${incident.id}`);
    await follower.getByRole('button', { name: 'Follow updates' }).tap();
    await follower.getByRole('button', { name: 'Unfollow updates' }).waitFor();
    await expect.poll(async () => (await f.admin.get<IncidentDetail>(`/incidents/${incident.id}`)).followers.map((x) => x.name)).toEqual(['Katherine Johnson']);
  });

  it('posts offline, sends exactly once when back online, and the follower’s phone shows the notice', async () => {
    const context = await newPhoneContext(browser, f.server.url, { colorScheme: 'light' });
    const sent = watchPosts(context);
    const page = await context.newPage();
    await signInAndOpen(page, ada, incident);
    await page.getByText(/Next update due in \d+ min · every 30 min/).waitFor();
    await shotAndAudit(page, 'light');

    await context.setOffline(true);
    await page.getByLabel('Stakeholders (everyone following)').check();
    await page.getByLabel('Update', { exact: true }).fill('Card payments fail for about 30 % of customers. Rolling back release 142; next update by 14:30.');
    await page.getByRole('button', { name: 'Post update' }).tap();
    await page.locator('.offline-banner', { hasText: '1 change waiting' }).waitFor();
    await page.locator('.update-list', { hasText: 'Rolling back release 142' }).waitFor();
    await shotAndAudit(page, 'offline-light');
    expect(await statusUpdates()).toEqual([]);

    await context.setOffline(false);
    await expect.poll(async () => (await statusUpdates()).length, { timeout: 20_000 }).toBe(1);
    await page.locator('.offline-banner', { hasText: 'change waiting' }).waitFor({ state: 'detached', timeout: 15_000 }).catch(() => undefined);
    // Give a duplicate replay the time it would need to show up.
    await page.waitForTimeout(1500);
    const [update] = await statusUpdates();
    expect(update).toMatchObject({ actor: { name: 'Ada Lovelace' }, data: { audience: 'stakeholders', text: expect.stringContaining('Rolling back release 142') } });
    expect(await statusUpdates()).toHaveLength(1);
    expect(new Set(sent).size).toBe(1);

    const message = await f.push.waitFor((m) => m.endpoint === f.subscription.endpoint && m.payload?.includes('"type":"notice"') === true);
    expect(message.headers.urgency).toBe('normal');
    await f.deliver(message.payload!);
    const shown = await f.notifications(follower, (all) => all.some((n) => n.tag === `update-${update.id}`));
    const notice = shown.find((n) => n.tag === `update-${update.id}`)!;
    expect(notice).toMatchObject({
      title: `Update on #${incident.number} · Payments API`,
      body: expect.stringContaining('Rolling back release 142'),
      requireInteraction: false,
      actions: [],
      data: expect.objectContaining({ url: `/incidents/${incident.id}` }),
    });
    await context.close();
  });

  it('fits the phone in dark mode too', async () => {
    const context = await newPhoneContext(browser, f.server.url, { colorScheme: 'dark' });
    const page = await context.newPage();
    await signInAndOpen(page, ada, incident);
    await page.locator('.update-list', { hasText: 'Rolling back release 142' }).waitFor();
    await shotAndAudit(page, 'dark');
    await context.close();
  });
});
