import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentDetail } from '../../shared/api/incidents';
import { startPwaFixture, tapNotification, type PwaFixture } from './pwa-fixture';

let f: PwaFixture;
let page: Page;

beforeAll(async () => {
  f = await startPwaFixture('Katherine Johnson');
  page = await f.openApp('/settings');
  await page.getByRole('button', { name: 'Enable push' }).tap();
  await page.getByTestId('push-state').getByText('Enabled').waitFor();
});

afterAll(async () => {
  await f?.close();
});

async function acknowledgements(incidentId: string) {
  const incident = await f.admin.get<IncidentDetail>(`/incidents/${incidentId}`);
  return { status: incident.status, events: incident.timeline.filter((event) => event.type === 'acknowledged') };
}

async function paged(title: string) {
  const { incident, plaintext } = await f.trigger(title);
  await f.deliver(plaintext);
  const tag = `incident-${incident.id}`;
  await f.notifications(page, (shown) => shown.some((n) => n.tag === tag));
  return { incident, tag };
}

const titleOf = async (tag: string) => (await f.notifications(page)).find((n) => n.tag === tag)?.title;

describe('acknowledge from the notification', () => {
  it('records exactly one acknowledgement by the paged user and says "Acknowledged"', async () => {
    const { incident, tag } = await paged('Card payments fail with HTTP 500');
    await tapNotification(f, tag, 'acknowledge');

    const { status, events } = await acknowledgements(incident.id);
    expect(status).toBe('acknowledged');
    expect(events).toHaveLength(1);
    expect(events[0].actor).toMatchObject({ type: 'user', id: f.responder.id, name: 'Katherine Johnson' });

    const [shown] = (await f.notifications(page)).filter((n) => n.tag === tag);
    expect(shown.title).toBe('Acknowledged · SEV-1 · Payments API');
    expect(shown.actions).toEqual([]);
    expect(shown.requireInteraction).toBe(false);
  });

  it('queues the acknowledgement offline and sends it once when Background Sync fires, app closed', async () => {
    const { incident, tag } = await paged('Ledger writes time out');
    // Leave the app (an open one replays the outbox itself when the network returns); the tab keeps the worker in reach.
    await page.goto('/icons/icon.svg');
    await f.context.setOffline(true);
    try {
      await tapNotification(f, tag, 'acknowledge');
      expect(await titleOf(tag)).toBe('Acknowledge queued · SEV-1 · Payments API');
    } finally {
      await f.context.setOffline(false);
    }
    expect((await acknowledgements(incident.id)).events).toHaveLength(0);

    await f.dispatchSync('muster-outbox');
    await expect.poll(async () => (await acknowledgements(incident.id)).events.length).toBe(1);
    expect((await acknowledgements(incident.id)).events[0].actor).toMatchObject({ id: f.responder.id });
    await expect.poll(() => titleOf(tag)).toBe('Acknowledged · SEV-1 · Payments API');

    // A second sync (the browser retries freely) sends nothing more.
    await f.dispatchSync('muster-outbox');
    expect((await acknowledgements(incident.id)).events).toHaveLength(1);
    await f.openApp('/settings');
  });

  it('says why when the server refuses, e.g. someone else acknowledged first', async () => {
    const { incident, tag } = await paged('Refunds stuck in pending');
    await f.admin.post(`/incidents/${incident.id}/acknowledge`);
    await tapNotification(f, tag, 'acknowledge');

    const [shown] = (await f.notifications(page)).filter((n) => n.tag === tag);
    expect(shown.title).toBe('Already handled · SEV-1 · Payments API');
    expect(shown.body).toContain('already acknowledged');
    expect(shown.actions.map((a) => a.action)).toEqual(['open']);
    expect((await acknowledgements(incident.id)).events).toHaveLength(1);
  });

  it('Open shows the incident in the open app window', async () => {
    const { incident, tag } = await paged('Payouts delayed');
    await tapNotification(f, tag, 'open');
    await page.waitForURL(`**/incidents/${incident.id}`);
    await page.getByRole('heading', { name: 'Payouts delayed' }).waitFor();
    // Opening is not acknowledging; on iOS (no action buttons) the incident page offers it in one tap.
    await page.getByRole('region', { name: 'Actions' }).getByRole('button', { name: 'Acknowledge' }).waitFor();
    expect((await f.notifications(page, () => true)).some((n) => n.tag === tag)).toBe(false);
  });
});
