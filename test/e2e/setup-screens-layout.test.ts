import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignInLink, User } from '../../shared/api/accounts';
import type { EscalationPolicy } from '../../shared/api/paging';
import type { Schedule } from '../../shared/api/schedules';
import type { Service } from '../../shared/api/services';
import { launchBrowser } from '../helpers/browser';
import { serverAdmin, startServer, type ServerProcess } from '../helpers/server-process';
import { signIn, type ApiSession } from '../helpers/api-session';
import { auditLayout } from './layout-audit';

/** Screenshots land outside the repo for a person to look at; the assertions are the test. */
const shotsDir = process.env.MUSTER_SHOTS_DIR ?? '/tmp/muster-shots';
const textSelectors = ['h1', 'h2', 'h3', 'h4', 'p', 'label', 'legend', 'th', 'td', '.btn', '.muted', '.field-hint', '[role="alert"]', '[role="status"]'];
const sizes = [
  { name: 'phone', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
  { name: 'laptop', viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false },
] as const;

let server: ServerProcess;
let browser: Browser;
let admin: ApiSession;
let screens: Array<{ name: string; path: string; shows: string | RegExp }>;
let inviteLink: SignInLink;

beforeAll(async () => {
  if (!existsSync(new URL('../../dist/index.html', import.meta.url))) {
    throw new Error('dist/ has no built app: run `npx vite build` first (npm test does)');
  }
  mkdirSync(shotsDir, { recursive: true });
  server = await startServer();
  browser = await launchBrowser();
  admin = await signIn(server.url, serverAdmin.email, serverAdmin.password);

  // A team mid-setup, with the long names and awkward states real teams have.
  const person = (name: string, email: string, role = 'responder') => admin.post<User & { signInLink: SignInLink }>('/users', { name, email, role });
  const ada = await person('Ada Lovelace-Byron', 'ada.lovelace-byron@payments.example.com');
  const bob = await person('Bob Bemer', 'bob@example.com');
  const vic = await person('Victoria Viewer', 'vic@example.com', 'viewer');
  const gone = await person('Gus Gone', 'gus@example.com');
  await admin.patch(`/users/${gone.id}`, { active: false });
  inviteLink = (await person('Dana Newcomer', 'dana@example.com')).signInLink;
  const team = await admin.post<{ id: string }>('/teams', { name: 'Payments platform', description: 'Card payments, refunds and payouts' });
  await admin.post(`/teams/${team.id}/members`, { userId: ada.id });
  await admin.post(`/teams/${team.id}/members`, { userId: vic.id });

  const schedule = await admin.post<Schedule>('/schedules', {
    name: 'Payments primary (follow the sun)',
    timeZone: 'Europe/Berlin',
    layers: [
      { users: [ada.id, bob.id], startDate: '2026-03-02', handoffTime: '09:00', shift: { length: 1, unit: 'weeks' }, restrictions: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:00', end: '20:00' }] },
    ],
  });
  const now = Date.now();
  await admin.post(`/schedules/${schedule.id}/overrides`, { userId: bob.id, start: new Date(now + 86_400_000).toISOString(), end: new Date(now + 2 * 86_400_000).toISOString() });
  const policy = await admin.post<EscalationPolicy>('/escalation-policies', {
    name: 'Payments on call',
    repeat: 2,
    steps: [
      { delaySeconds: 300, targets: [{ type: 'schedule', id: schedule.id }] },
      { delaySeconds: 600, targets: [{ type: 'user', id: ada.id }, { type: 'user', id: bob.id }] },
    ],
  });
  const service = await admin.post<Service>('/services', { name: 'Payments gateway (eu-west-1)', description: 'Card payments', teamId: team.id, escalationPolicyId: policy.id });
  await admin.post<Service>('/services', { name: 'Search' });

  screens = [
    { name: 'first-run-guide', path: '/', shows: 'Set up paging' },
    { name: 'team', path: '/team', shows: 'Escalation policies' },
    { name: 'people', path: '/people', shows: 'Dana Newcomer' },
    { name: 'teams', path: '/teams', shows: 'Payments platform' },
    { name: 'profile', path: '/profile', shows: 'API tokens' },
    { name: 'services', path: '/services', shows: 'Search' },
    { name: 'service-new', path: '/services/new', shows: 'Severity of incidents from monitoring tools' },
    { name: 'service-edit', path: `/services/${service.id}/edit`, shows: 'Archive or delete' },
    { name: 'policies', path: '/policies', shows: 'Payments on call' },
    { name: 'policy', path: `/policies/${policy.id}`, shows: /At once: page whoever is on call/ },
    { name: 'policy-new', path: '/policies/new', shows: 'Create policy' },
    { name: 'schedules', path: '/schedules', shows: 'Payments primary (follow the sun)' },
    { name: 'schedule', path: `/schedules/${schedule.id}`, shows: /Nobody on call/ },
    { name: 'schedule-new', path: '/schedules/new', shows: 'Create schedule' },
    { name: 'on-call', path: '/on-call', shows: 'Payments primary (follow the sun)' },
    { name: 'settings', path: '/settings', shows: 'My profile, password and API tokens' },
  ];
});

afterAll(async () => {
  await browser?.close();
  await server?.cleanup();
});

async function expectFits(context: BrowserContext, path: string, shows: string | RegExp, shot: string) {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(path);
  await page.getByText(shows).first().waitFor();
  await page.screenshot({ path: join(shotsDir, `${shot}.png`), fullPage: true });
  expect(await auditLayout(page, textSelectors), shot).toEqual({ overflowPx: 0, smallTargets: [], lowContrast: [] });
}

describe.each(sizes)('setup screens on a $name', (size) => {
  describe.each(['light', 'dark'] as const)('in %s mode', (colorScheme) => {
    it('fit, read clearly and are easy to tap, for an admin and for a new user opening their link', async () => {
      const options = { baseURL: server.url, viewport: size.viewport, isMobile: size.isMobile, hasTouch: size.hasTouch, deviceScaleFactor: 1, colorScheme };
      const signedIn = await browser.newContext(options);
      const login = await signedIn.request.post('/api/v1/auth/login', { data: serverAdmin });
      expect(login.ok()).toBe(true);
      for (const screen of screens) await expectFits(signedIn, screen.path, screen.shows, `setup-${screen.name}-${size.name}-${colorScheme}`);
      await signedIn.close();

      const newcomer = await browser.newContext(options);
      await expectFits(newcomer, new URL(inviteLink.url).pathname, 'Welcome, Dana Newcomer', `setup-welcome-${size.name}-${colorScheme}`);
      await newcomer.close();
    });
  });
});
