import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../shared/api/accounts';
import type { ContactMethod } from '../../shared/api/contact-methods';
import type { IncidentDetail } from '../../shared/api/incidents';
import type { Service } from '../../shared/api/services';
import { signIn, type ApiSession } from '../helpers/api-session';
import { launchBrowser, newPhoneContext } from '../helpers/browser';
import { startHttpReceiver, type HttpReceiver } from '../helpers/http-receiver';
import { startPushEndpoint, type PushEndpoint } from '../helpers/push-endpoint';
import { serverAdmin, startServer, type ServerProcess } from '../helpers/server-process';
import { startSmtpReceiver, type SmtpReceiver } from '../helpers/smtp-receiver';
import { auditLayout } from './layout-audit';

/**
 * A page by several channels, seen on a 390×844 phone: the incident's paging box names each person with what
 * each of their channels is doing, and shows in red who cannot be reached; the paged person's Settings list
 * their contact methods and the rules that use them. A real server with a real SMTP server, an HTTP receiver
 * playing ntfy, and the local push service.
 */
const shotsDir = process.env.MUSTER_SHOTS_DIR ?? '/tmp/muster-shots';
const textSelectors = ['h1', 'h2', '.btn', '.muted', '.paging p', '.paging li', '.timeline .headline', '.card p', '.card li', 'label', '[role="alert"]'];
const bobAccount = { email: 'bob@muster.test', name: 'Bob Babbage', password: 'difference engine 1822' };
const bobMail = 'bob.pager@muster.test';

let server: ServerProcess;
let push: PushEndpoint;
let smtp: SmtpReceiver;
let ntfy: HttpReceiver;
let browser: Browser;
let admin: ApiSession;
let incident: IncidentDetail;

beforeAll(async () => {
  if (!existsSync(new URL('../../dist/index.html', import.meta.url))) {
    throw new Error('dist/ has no built app: run `npx vite build` first (npm test does)');
  }
  mkdirSync(shotsDir, { recursive: true });
  [push, smtp, ntfy] = await Promise.all([startPushEndpoint(), startSmtpReceiver(), startHttpReceiver()]);
  server = await startServer({
    env: {
      MUSTER_PUSH_ALLOWED_HOSTS: push.host,
      NODE_EXTRA_CA_CERTS: push.caFile,
      SMTP_URL: smtp.smtpUrl,
      MUSTER_MAIL_FROM: 'Muster <muster@muster.test>',
      MUSTER_OUTGOING_ALLOWED_HOSTS: ntfy.allowedHost,
    },
  });
  browser = await launchBrowser();
  admin = await signIn(server.url, serverAdmin.email, serverAdmin.password);

  // Bob: push at once and to ntfy, email after two minutes if nobody has acknowledged.
  const bob = await admin.post<User>('/users', { ...bobAccount, role: 'responder' });
  const bobSession = await signIn(server.url, bobAccount.email, bobAccount.password);
  await bobSession.post('/push/subscriptions', { ...push.newSubscription("Bob's phone"), label: "Bob's phone" });
  const topic = await bobSession.post<ContactMethod>('/me/contact-methods', { type: 'ntfy', serverUrl: ntfy.origin, topic: 'muster-bob' });
  const email = await bobSession.post<ContactMethod>('/me/contact-methods', { type: 'email', address: bobMail });
  const code = /code is (\d{6})/.exec(smtp.lastTo(bobMail)?.subject ?? '')![1];
  await bobSession.post(`/me/contact-methods/${email.id}/verify`, { code });
  await bobSession.put('/me/notification-rules', [
    { delaySeconds: 0, method: 'push' },
    { delaySeconds: 0, method: 'contact', contactMethodId: topic.id },
    { delaySeconds: 120, method: 'contact', contactMethodId: email.id },
  ]);
  // Dana has neither a device nor a contact method.
  const dana = await admin.post<User>('/users', { email: 'dana@muster.test', name: 'Dana Reyes', password: 'dana has no phone 1', role: 'responder' });

  const policy = await admin.post<{ id: string }>('/escalation-policies', {
    name: 'Checkout primary',
    repeat: 0,
    steps: [{ delaySeconds: 900, targets: [{ type: 'user', id: bob.id }, { type: 'user', id: dana.id }] }],
  });
  const checkout = await admin.post<Service>('/services', { name: 'Checkout' });
  await admin.patch(`/services/${checkout.id}`, { escalationPolicyId: policy.id });
  incident = await admin.post<IncidentDetail>('/incidents', { serviceId: checkout.id, title: 'Card payments fail with HTTP 500', severity: 'SEV-1' });
});

afterAll(async () => {
  await browser?.close();
  await server?.cleanup();
  await Promise.all([push?.close(), smtp?.close(), ntfy?.close()]);
});

async function signInAs(page: Page, email: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/$/);
}

async function expectFitsPhone(page: Page, name: string) {
  await page.screenshot({ path: join(shotsDir, `channels-${name}.png`), fullPage: true });
  const audit = await auditLayout(page, textSelectors);
  expect(audit, name).toEqual({ overflowPx: 0, smallTargets: [], lowContrast: [] });
}

describe.each(['light', 'dark'] as const)('channels on a 390×844 phone in %s mode', (colorScheme) => {
  it('the paging box says what each channel did for Bob, and in red that Dana cannot be reached', async () => {
    const context = await newPhoneContext(browser, server.url, { colorScheme });
    const page = await context.newPage();
    await signInAs(page, serverAdmin.email, serverAdmin.password);
    await page.goto(`/incidents/${incident.id}`);
    const people = page.locator('.paging [data-testid="paged-person"]');
    await expect
      .poll(() => people.allTextContents(), { timeout: 15_000 })
      .toEqual([
        expect.stringMatching(/^Bob Babbage — push delivered \d\d:\d\d( [AP]M)? · ntfy delivered \d\d:\d\d( [AP]M)? · email due in [12] min$/),
        'Dana Reyes — no device, no contact method: cannot be reached',
      ]);
    const dana = people.nth(1);
    expect(await dana.getAttribute('class')).toContain('unreachable');
    const [danaColor, lineColor] = await Promise.all([dana.evaluate((el) => getComputedStyle(el).color), page.locator('.paging .line').evaluate((el) => getComputedStyle(el).color)]);
    // Red, unlike the rest of the box.
    const [r, g, b] = danaColor.match(/\d+/g)!.map(Number);
    expect(danaColor).not.toBe(lineColor);
    expect(r).toBeGreaterThan(Math.max(g, b) + 60);
    await expectFitsPhone(page, `paging-${colorScheme}`);
    await context.close();
  });

  it('Bob’s Settings list his contact methods and the rules that use them', async () => {
    const context = await newPhoneContext(browser, server.url, { colorScheme });
    const page = await context.newPage();
    await signInAs(page, bobAccount.email, bobAccount.password);
    await page.goto('/settings');
    const methods = page.getByRole('region', { name: 'Contact methods' });
    await methods.getByText(bobMail).waitFor();
    await methods.getByText('muster-bob').waitFor();
    await expect.poll(() => page.getByTestId('rules-summary').textContent()).toMatch(/At once: push \+ ntfy.*After 2 min: email/);
    await expectFitsPhone(page, `settings-${colorScheme}`);
    await context.close();
  });
});

describe('what left the server', () => {
  it('published the page to ntfy once, at the highest priority', () => {
    const published = ntfy.received.filter((req) => req.path === '/muster-bob');
    expect(published).toHaveLength(1);
    expect(published[0].headers['x-priority']).toBe('5');
    expect(published[0].body).toBe(`#${incident.number} Card payments fail with HTTP 500`);
  });
});
