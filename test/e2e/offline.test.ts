import type { BrowserContext, Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { IncidentDetail } from '../../shared/api/incidents';
import { newPhoneContext } from '../helpers/browser';
import { acknowledgeAndNote, recordedActions, reloadOffline, shotFitsPhone, signInAndOpen, useOfflineSuite, waitForRecorded } from './offline-app';

const responder = { email: 'grace@muster.test', name: 'Grace Hopper', password: 'compiler a-0 1952' };

const suite = useOfflineSuite(responder, 'Checkout API');

const openIncident = (title: string) => suite.admin.post<IncidentDetail>('/incidents', { serviceId: suite.service.id, title, severity: 'SEV-2' });

/** Every acknowledge and note that got an answer, from the page or the service worker, with its key. */
function watchCommands(ctx: BrowserContext) {
  const sent: Array<{ path: string; key: string | undefined; fromWorker: boolean }> = [];
  // Attempts made while offline fail without an answer and are not counted.
  ctx.on('requestfinished', (req: Request) => {
    const path = new URL(req.url()).pathname;
    if (req.method() === 'POST' && /\/(acknowledge|notes)$/.test(path)) {
      sent.push({ path, key: req.headers()['idempotency-key'], fromWorker: req.serviceWorker() !== null });
    }
  });
  return sent;
}

/**
 * Network control for the replay: requests fail as offline until `goOnline()`, and then the
 * first acknowledge is answered 503 (a server restarting), as if the server were briefly down.
 */
async function flakyNetwork(ctx: BrowserContext) {
  let online = false;
  let failuresLeft = 1;
  await ctx.route('**/api/v1/incidents/*/acknowledge', (route) => {
    if (!online) return route.abort('internetdisconnected');
    if (failuresLeft-- > 0) {
      return route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'unavailable', message: 'restarting' } }) });
    }
    return route.continue();
  });
  return {
    async goOnline() {
      online = true;
      await ctx.setOffline(false);
    },
  };
}

describe('offline on the phone', () => {
  it('acknowledges and notes offline; with the app closed the service worker keeps them through a 503 and sends each once on Background Sync', async () => {
    const incident = await openIncident('Checkout returns 502');
    const context = await newPhoneContext(suite.browser, suite.server.url, { colorScheme: 'light' });
    suite.context = context;
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const registrations: string[] = [];
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations: updated }) => {
      for (const registration of updated) if (!registration.isDeleted) registrations.push(registration.registrationId);
    });
    await cdp.send('ServiceWorker.enable');
    const sent = watchCommands(context);

    await signInAndOpen(page, responder, incident);
    await reloadOffline(context, page, incident);
    await shotFitsPhone(page, 'offline-shell-light');
    await acknowledgeAndNote(page, 'Failing over to the standby database');
    await shotFitsPhone(page, 'offline-waiting-light');

    // The app is closed before the network returns: only the service worker can send the commands.
    await page.goto('about:blank');
    const network = await flakyNetwork(context);
    await network.goOnline();
    // Chromium fires the sync it held back while offline; the server is busy, so all stays queued.
    await expect.poll(() => sent.length, { timeout: 15_000 }).toBe(1);
    expect(sent[0]).toMatchObject({ path: `/api/v1/incidents/${incident.id}/acknowledge`, fromWorker: true });
    expect(await recordedActions(suite.admin, incident.id)).toEqual([{ type: 'triggered' }]);

    expect(registrations.length).toBeGreaterThan(0);
    await cdp.send('ServiceWorker.dispatchSyncEvent', {
      origin: suite.server.url,
      registrationId: registrations.at(-1)!,
      tag: 'muster-outbox',
      lastChance: false,
    });

    expect(await waitForRecorded(suite.admin, incident.id, 3)).toEqual([
      { type: 'triggered' },
      { type: 'acknowledged' },
      { type: 'note', text: 'Failing over to the standby database' },
    ]);
    await expect.poll(() => sent.length).toBe(3);
    expect(sent.map((request) => [request.path.split('/').at(-1), request.fromWorker])).toEqual([
      ['acknowledge', true],
      ['acknowledge', true],
      ['notes', true],
    ]);
    expect(sent[0].key).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent[1].key).toBe(sent[0].key);
  });

  it('without Background Sync (Safari, Firefox) sends on the online event, keeps everything through a 503, and applies each command once later', async () => {
    const incident = await openIncident('Search times out');
    const context = await newPhoneContext(suite.browser, suite.server.url, { colorScheme: 'dark' });
    suite.context = context;
    // As in Safari and Firefox: no Background Sync, so only the open page can send the outbox.
    await context.addInitScript(() => Object.defineProperty(ServiceWorkerRegistration.prototype, 'sync', { get: () => undefined }));
    const page = await context.newPage();
    const sent = watchCommands(context);

    await signInAndOpen(page, responder, incident);
    await reloadOffline(context, page, incident);
    await acknowledgeAndNote(page, 'Reindexing the search cluster');
    await shotFitsPhone(page, 'offline-waiting-dark');

    const network = await flakyNetwork(context);
    await network.goOnline();
    // A page reloaded under Playwright's offline emulation gets no `online` event when the emulation is lifted
    // (checked: none arrives, navigator.onLine is already true), where a phone gets one. Without it only the
    // app's 30 s retry would send, so fire the event the phone would.
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await page.locator('.offline-banner', { hasText: 'not taking changes right now (503)' }).waitFor({ timeout: 10_000 });
    await shotFitsPhone(page, 'offline-server-busy-dark');
    // The 503 stopped the replay at the acknowledge: the note behind it has not left either.
    expect(sent.map((request) => request.path)).toEqual([`/api/v1/incidents/${incident.id}/acknowledge`]);
    expect(await recordedActions(suite.admin, incident.id)).toEqual([{ type: 'triggered' }]);
    expect(await page.locator('.offline-banner .headline').textContent()).toBe('2 changes waiting');

    // Opening the app again replays the outbox.
    await page.reload();
    await page.locator('.offline-banner').waitFor({ state: 'detached' });
    expect(await waitForRecorded(suite.admin, incident.id, 3)).toEqual([
      { type: 'triggered' },
      { type: 'acknowledged' },
      { type: 'note', text: 'Reindexing the search cluster' },
    ]);
    await expect.poll(() => sent.length).toBe(3);
    const acks = sent.filter((request) => request.path.endsWith('/acknowledge'));
    expect(acks).toHaveLength(2);
    expect(acks[1].key).toBe(acks[0].key);
    expect(sent.filter((request) => request.path.endsWith('/notes'))).toHaveLength(1);
    await expect.poll(() => page.locator('.timeline li', { hasText: 'Grace Hopper added a note' }).count()).toBe(1);
    expect(await page.locator('.status-badge').first().textContent()).toBe('Acknowledged');
  });
});
