import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { User } from '../../shared/api/accounts';
import type { IncidentDetail } from '../../shared/api/incidents';
import { newPhoneContext } from '../helpers/browser';
import { auditLayout } from './layout-audit';
import { reloadOffline, signInAndOpen, useOfflineSuite } from './offline-app';

const commander = { email: 'margaret@muster.test', name: 'Margaret Hamilton', password: 'apollo guidance 1969' };
const suite = useOfflineSuite(commander, 'Flight software');
const shotsDir = process.env.MUSTER_SHOTS_DIR ?? '/tmp/muster-shots';

const commandText = ['.command h2', '.command h3', '.command .btn', '.command .label', '.command .holder', '.command .muted', '.command label', '.offline-banner p', 'h1'];

async function shot(page: Page, name: string) {
  mkdirSync(shotsDir, { recursive: true });
  await page.locator('.command').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(shotsDir, `roles-${name}.png`) });
  await page.screenshot({ path: join(shotsDir, `roles-${name}-full.png`), fullPage: true });
  expect(await auditLayout(page, commandText), name).toEqual({ overflowPx: 0, smallTargets: [], lowContrast: [] });
}

/** Waits until the app has kept the people list on the device (it fetches it when the incident opens). */
const peopleKept = (page: Page) =>
  page.waitForFunction(
    () =>
      new Promise<boolean>((resolve) => {
        const open = indexedDB.open('muster');
        open.onsuccess = () => {
          const get = open.result.transaction('snapshots').objectStore('snapshots').get('command:people');
          get.onsuccess = () => resolve(get.result !== undefined);
          get.onerror = () => resolve(false);
        };
        open.onerror = () => resolve(false);
      }),
  );

const holder = (page: Page, label: string) => page.locator('.role', { has: page.locator('.label', { hasText: label }) }).locator('.who > :last-child');

describe.each(['light', 'dark'] as const)('incident command from a phone (%s)', (colorScheme) => {
  it('takes command and assigns a scribe offline; back online the server applies each once, in order', async () => {
    const scribe = await suite.admin.post<User>('/users', { name: `Grace Hopper ${colorScheme}`, email: `grace-${colorScheme}@muster.test`, role: 'responder' });
    const incident = await suite.admin.post<IncidentDetail>('/incidents', { serviceId: suite.service.id, title: 'Guidance computer alarms 1202', severity: 'SEV-1' });
    const context = await newPhoneContext(suite.browser, suite.server.url, { colorScheme });
    suite.context = context;
    const page = await context.newPage();

    await signInAndOpen(page, commander, incident);
    await peopleKept(page);
    await reloadOffline(context, page, incident);

    await page.getByRole('button', { name: 'Take command' }).tap();
    await page.getByRole('button', { name: 'Assign Scribe' }).tap();
    await page.getByRole('searchbox', { name: 'Assign Scribe' }).fill('grace');
    await page.locator('.match', { hasText: scribe.name }).tap();
    await page.locator('.offline-banner', { hasText: '2 changes waiting' }).waitFor();
    expect(await holder(page, 'Incident Commander').textContent()).toBe(commander.name);
    expect(await holder(page, 'Scribe').textContent()).toBe(scribe.name);
    await page.getByText('Incident Commander checklist').waitFor();
    await shot(page, `offline-${colorScheme}`);

    await context.setOffline(false);
    await expect
      .poll(async () => (await suite.admin.get<IncidentDetail>(`/incidents/${incident.id}`)).timeline.filter((event) => event.type === 'role_changed').length, { timeout: 20_000 })
      .toBe(2);
    const detail = await suite.admin.get<IncidentDetail>(`/incidents/${incident.id}`);
    expect(detail.timeline.filter((event) => event.type === 'role_changed').map((event) => [event.actor.name, event.data])).toEqual([
      [commander.name, { role: 'commander', from: null, to: { id: expect.any(String), name: commander.name } }],
      [commander.name, { role: 'scribe', from: null, to: { id: scribe.id, name: scribe.name } }],
    ]);
    expect(detail.roles.scribe).toEqual({ id: scribe.id, name: scribe.name });
    await page.locator('.offline-banner .strip').waitFor({ state: 'detached' }).catch(() => undefined);
    await page.locator('.timeline li', { hasText: `${commander.name} made ${scribe.name} Scribe` }).waitFor();

    await page.locator('input[name="checklist-commander-size-up"]').tap();
    await expect.poll(async () => (await suite.admin.get<IncidentDetail>(`/incidents/${incident.id}`)).checklist, { timeout: 10_000 }).toEqual(['commander:size-up']);
    await page.getByRole('button', { name: 'Add responders' }).tap();
    await page.getByRole('searchbox', { name: 'Page someone now' }).waitFor();
    await shot(page, `online-${colorScheme}`);
  });
});
