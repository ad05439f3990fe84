import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { IncidentDetail, TimelineEventType } from '../../shared/api/incidents';
import type { Service } from '../../shared/api/services';
import { signIn, type ApiSession } from '../helpers/api-session';
import { launchBrowser } from '../helpers/browser';
import { serverAdmin, startServer, type ServerProcess } from '../helpers/server-process';
import { auditLayout } from './layout-audit';

/** Steps shared by the offline browser tests: a signed-in phone with the app installed as a PWA. */

const shotsDir = process.env.MUSTER_SHOTS_DIR ?? '/tmp/muster-shots';

export interface Person {
  email: string;
  password: string;
}

export interface OfflineSuite {
  server: ServerProcess;
  browser: Browser;
  admin: ApiSession;
  service: Service;
  /** The test's browser context, closed after each test. */
  context?: BrowserContext;
}

/** A real server and browser for one test file, with `responder` and a service seeded. */
export function useOfflineSuite(responder: Person & { name: string }, serviceName: string): OfflineSuite {
  const suite = {} as OfflineSuite;
  beforeAll(async () => {
    if (!existsSync(new URL('../../dist/index.js', import.meta.url))) {
      throw new Error('dist/ has no built app with its service worker: run `npx vite build` first (npm test does)');
    }
    suite.server = await startServer();
    suite.browser = await launchBrowser();
    suite.admin = await signIn(suite.server.url, serverAdmin.email, serverAdmin.password);
    await suite.admin.post('/users', { ...responder, role: 'responder' });
    suite.service = await suite.admin.post<Service>('/services', { name: serviceName });
  });
  afterEach(async () => {
    await suite.context?.close();
    suite.context = undefined;
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.cleanup();
  });
  return suite;
}

/** Signs in through the form, opens the incident and waits until the service worker controls the page. */
export async function signInAndOpen(page: Page, person: Person, incident: IncidentDetail): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === '/');
  await page.goto(`/incidents/${incident.id}`);
  await page.getByRole('heading', { level: 1, name: incident.title }).waitFor();
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  // A page that opened while the first worker was still activating can miss its claim; the next
  // load is controlled, as the next app start would be on a phone.
  if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) {
    await page.reload();
    await page.getByRole('heading', { level: 1, name: incident.title }).waitFor();
  }
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 15_000 });
  // The app keeps what it has shown in IndexedDB; offline it reads it back from there.
  await page.waitForFunction(
    (id) =>
      new Promise<boolean>((resolve) => {
        const open = indexedDB.open('muster');
        // Looking must not create the database (an empty one would skip the app's schema upgrade).
        open.onupgradeneeded = () => open.transaction?.abort();
        open.onerror = () => resolve(false);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('incidents')) return resolve(false);
          const get = db.transaction('incidents').objectStore('incidents').get(id);
          get.onsuccess = () => resolve(get.result !== undefined);
          get.onerror = () => resolve(false);
        };
      }),
    incident.id,
  );
}

/** Cuts the network and reloads: the shell comes from the service worker, the incident from IndexedDB. */
export async function reloadOffline(context: BrowserContext, page: Page, incident: IncidentDetail): Promise<void> {
  await context.setOffline(true);
  await page.reload();
  await page.getByRole('heading', { level: 1, name: incident.title }).waitFor();
  await page.locator('.offline-banner .headline', { hasText: /^Offline · last synced/ }).waitFor();
}

export async function acknowledgeAndNote(page: Page, note: string): Promise<void> {
  await page.getByRole('button', { name: 'Acknowledge' }).tap();
  await page.getByLabel('Add a note').fill(note);
  await page.getByRole('button', { name: 'Add note' }).tap();
  await page.locator('.offline-banner', { hasText: '2 changes waiting' }).waitFor();
  expect(await page.locator('.status-badge').first().textContent()).toBe('Acknowledged');
}

/** What the server recorded, except the paging engine's own entries. */
export async function recordedActions(admin: ApiSession, incidentId: string): Promise<Array<{ type: TimelineEventType; text?: unknown }>> {
  const { timeline } = await admin.get<IncidentDetail>(`/incidents/${incidentId}`);
  return timeline
    .filter((event) => ['triggered', 'acknowledged', 'resolved', 'note'].includes(event.type))
    .map((event) => (event.type === 'note' ? { type: event.type, text: event.data.text } : { type: event.type }));
}

export async function waitForRecorded(admin: ApiSession, incidentId: string, count: number) {
  await expect.poll(async () => (await recordedActions(admin, incidentId)).length, { timeout: 15_000 }).toBe(count);
  return recordedActions(admin, incidentId);
}

/** A screenshot for people to look at, and the same phone checks as the rest of the app. */
export async function shotFitsPhone(page: Page, name: string): Promise<void> {
  mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: join(shotsDir, `${name}.png`) });
  const audit = await auditLayout(page, ['.offline-banner p', '.offline-banner .btn', '.offline-banner blockquote', '.not-sent', 'h1']);
  expect(audit, name).toEqual({ overflowPx: 0, smallTargets: [], lowContrast: [] });
}
