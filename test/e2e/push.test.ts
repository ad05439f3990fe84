import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushDevice } from '../../shared/api/push';
import { startPwaFixture, type PwaFixture } from './pwa-fixture';

let f: PwaFixture;
let page: Page;

beforeAll(async () => {
  f = await startPwaFixture('Grace Hopper');
  page = await f.openApp('/settings');
});

afterAll(async () => {
  await f?.close();
});

describe('push to this phone', () => {
  it('enables push from a tap in Settings and registers the device with the server', async () => {
    const state = page.getByTestId('push-state');
    await expect.poll(() => state.textContent()).toBe('Off');
    await page.getByRole('button', { name: 'Enable push' }).tap();
    await expect.poll(() => state.textContent()).toBe('Enabled');

    const devices = (await (await f.context.request.get('/api/v1/push/subscriptions')).json()).items as PushDevice[];
    expect(devices).toHaveLength(1);
    expect(devices[0]).toMatchObject({ label: 'Chrome on Android', endpointHost: new URL(f.push.origin).host });
    await page.getByText('this device', { exact: true }).waitFor();
  });

  it('shows a page as a notification with severity, service, per-incident tag and the two actions', async () => {
    const { incident, payload, plaintext } = await f.trigger('Card payments fail with HTTP 500', 'SEV-1');
    expect(payload).toMatchObject({ type: 'page', incidentId: incident.id, severity: 'SEV-1', service: 'Payments API', drill: false });

    // Record what the worker sets as the home-screen badge (headless Chromium has no badge to look at).
    const worker = f.context.serviceWorkers().find((w) => w.url() === `${f.server.url}/index.js`)!;
    await worker.evaluate(() => {
      const scope = self as unknown as { badges: number[] };
      scope.badges = [];
      Object.assign(Object.getPrototypeOf(navigator), {
        setAppBadge: async (count: number) => void scope.badges.push(count),
      });
    });

    await f.deliver(plaintext);
    const [shown, ...others] = await f.notifications(page);
    expect(await worker.evaluate(() => (self as unknown as { badges: number[] }).badges)).toEqual([1]);
    expect(others).toEqual([]);
    expect(shown).toMatchObject({
      title: 'SEV-1 · Payments API',
      body: `#${incident.number} Card payments fail with HTTP 500`,
      tag: `incident-${incident.id}`,
      requireInteraction: true,
      renotify: true,
      actions: [
        { action: 'acknowledge', title: 'Acknowledge' },
        { action: 'open', title: 'Open' },
      ],
    });
    expect(shown.data?.ackToken).toBe(payload.ackToken);
    expect(shown.data?.incidentId).toBe(incident.id);

    // The open app hears it through the BroadcastChannel and raises the alarm.
    const alarm = page.locator('.page-alarm');
    await alarm.waitFor();
    expect(await alarm.locator('.headline').textContent()).toBe('SEV-1 · Payments API');

    // The worker stored the page for the badge count.
    const stored = await page.evaluate(
      () =>
        new Promise<string[]>((resolve, reject) => {
          const open = indexedDB.open('muster-pages');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const all = open.result.transaction('pages').objectStore('pages').getAll();
            all.onsuccess = () => resolve((all.result as Array<{ incidentId: string; acknowledged: boolean }>).map((p) => `${p.incidentId} ${p.acknowledged}`));
          };
        }),
    );
    expect(stored).toEqual([`${incident.id} false`]);
    await page.getByRole('button', { name: 'Silence' }).tap();
    await alarm.waitFor({ state: 'detached' });
  });

  it('replaces the notification for a re-page of the same incident instead of stacking a second one', async () => {
    const { incident, plaintext } = await f.trigger('Checkout latency above 2 s', 'SEV-2');
    await f.deliver(plaintext);
    await f.deliver(plaintext);
    const shown = await f.notifications(page, (all) => all.some((n) => n.tag === `incident-${incident.id}`));
    expect(shown.filter((n) => n.tag === `incident-${incident.id}`)).toHaveLength(1);
  });

  it('shows a notification even for a push it cannot read', async () => {
    await f.deliver('not json');
    const shown = await f.notifications(page, (all) => all.some((n) => n.tag === 'muster-unknown'));
    expect(shown.find((n) => n.tag === 'muster-unknown')?.title).toBe('Muster');
  });

  it('sends a test page to the registered device from Settings', async () => {
    const before = f.push.received.length;
    await page.getByRole('button', { name: 'Send a test page' }).tap();
    await page.getByText('Test page sent: 1 of 1 delivered.').waitFor();
    const sent = f.push.received.slice(before);
    expect(sent.map((m) => JSON.parse(m.payload ?? '{}').type)).toEqual(['test']);
  });
});
