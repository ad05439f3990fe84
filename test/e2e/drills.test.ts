import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Drill, DrillReport, DrillScenario } from '../../shared/api/drills';
import { formatSeconds } from '../../client/components/drill/drill-wording';
import type { IncidentDetail } from '../../shared/api/incidents';
import { auditLayout } from './layout-audit';
import { startPwaFixture, tapNotification, type PwaFixture } from './pwa-fixture';

const shotsDir = process.env.MUSTER_SCREENS_DIR ?? '/work/screens';
const textSelectors = ['h1', 'h2', 'h3', 'p', 'label', 'li', '.btn', '.muted', '[role="alert"]', '[role="status"]', '[role="note"]', '.drill-badge'];

let f: PwaFixture;
let page: Page;
let scenario: DrillScenario;

beforeAll(async () => {
  mkdirSync(shotsDir, { recursive: true });
  f = await startPwaFixture('Grace Hopper');
  page = await f.openApp('/settings');
  await page.getByRole('button', { name: 'Enable push' }).tap();
  await page.getByTestId('push-state').getByText('Enabled').waitFor();
  scenario = await f.admin.post<DrillScenario>('/drills/scenarios', { template: 'database-outage', serviceId: f.service.id });
});

afterAll(async () => {
  await f?.close();
});

/** A screenshot in light and in dark, each audited for what a phone at 3 a.m. needs. */
async function auditBoth(shot: string) {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({ path: join(shotsDir, `drill-${shot}-${colorScheme}.png`), fullPage: true });
    expect(await auditLayout(page, textSelectors), `${shot} ${colorScheme}`).toEqual({ overflowPx: 0, smallTargets: [], lowContrast: [] });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

describe('a game-day drill run from a phone (390×844)', () => {
  it('starts from a scenario in one tap, pages DRILL to the participant, is acknowledged from the notification, resolved and scored', async () => {
    // From the app's navigation: Team → Drills.
    await page.goto('/team');
    await page.getByRole('link', { name: /^Drills/ }).tap();
    await page.getByRole('heading', { name: 'Drills', level: 1 }).waitFor();
    const card = page.getByRole('article', { name: scenario.name });
    await card.waitFor();
    await auditBoth('list');

    // Its editor, as a phone shows it (the inject rules are component-tested).
    await card.getByRole('link', { name: `Edit ${scenario.name}` }).tap();
    await page.getByRole('button', { name: 'Save scenario' }).waitFor();
    await page.getByRole('listitem', { name: 'Inject 2' }).getByRole('textbox').first().fill('9:99');
    await page.getByText('Time: write minutes:seconds').waitFor();
    await auditBoth('scenario');
    await page.getByRole('link', { name: '‹ Drills' }).tap();
    await card.waitFor();

    await card.getByRole('button', { name: 'Participants & schedule…' }).tap();
    await card.getByRole('checkbox', { name: 'Grace Hopper' }).check();
    await card.getByRole('button', { name: 'Start drill now · 1 participant' }).tap();
    await page.waitForURL(/\/drills\/[^/]+$/);
    const drillId = page.url().split('/').at(-1)!;
    const drill = await f.admin.get<Drill>(`/drills/${drillId}`);
    expect(drill).toMatchObject({ status: 'running', participants: [{ id: f.responder.id, name: 'Grace Hopper' }] });
    await page.getByText('DRILL — game-day exercise, not a real incident').waitFor();
    await page.getByText('Next inject in').waitFor();

    // The drill incident's page reaches the phone through the real pipeline, marked DRILL.
    const message = await f.push.waitFor((m) => m.endpoint === f.subscription.endpoint && m.payload?.includes(drill.incidentId!) === true);
    await f.deliver(message.payload!);
    const tag = `incident-${drill.incidentId}`;
    const [shown] = (await f.notifications(page, (all) => all.some((n) => n.tag === tag))).filter((n) => n.tag === tag);
    expect(shown.title).toMatch(/^DRILL · SEV-1 · Payments API$/);
    await auditBoth('live');

    await tapNotification(f, tag, 'acknowledge');
    await expect.poll(async () => (await f.admin.get<IncidentDetail>(`/incidents/${drill.incidentId}`)).status).toBe('acknowledged');

    // The Drills screen puts it on top, live, with its incident.
    await expect(page.getByRole('link', { name: `Open drill incident #${drill.incidentNumber}` }).count()).resolves.toBe(1);
    await page.getByRole('link', { name: '‹ Drills' }).tap();
    const live = page.getByRole('region', { name: 'Live now' });
    await live.getByText(scenario.name).waitFor();
    await auditBoth('list-live');

    // The incident: unmistakably a drill, and resolved from the app.
    await live.getByRole('link', { name: `Open incident #${drill.incidentNumber}` }).tap();
    await page.waitForURL(`**/incidents/${drill.incidentId}`);
    await page.locator('[data-test="drill-banner"]').waitFor();
    await page.getByText('Drill inject: checkout error rate 40 % (threshold 5 %)').waitFor();
    await auditBoth('incident');
    // In the list it wears the DRILL badge and band.
    await page.getByRole('link', { name: '‹ Incidents' }).tap();
    const listed = page.locator('.incident-card[data-drill]', { hasText: 'Checkout failing, primary database unreachable' });
    await listed.locator('.drill-badge').getByText('DRILL').waitFor();
    await auditBoth('incident-list');
    await listed.tap();
    await page.getByRole('button', { name: 'Resolve' }).tap();
    await expect.poll(async () => (await f.admin.get<IncidentDetail>(`/incidents/${drill.incidentId}`)).status, { timeout: 15_000 }).toBe('resolved');

    // Resolving the incident ends the drill; its screen turns into the scorecard.
    await page.locator('[data-test="drill-banner"]').getByRole('link', { name: 'Open the drill' }).tap();
    await page.waitForURL(`**/drills/${drillId}`);
    await page.locator('[data-test="status"]').getByText('Finished').waitFor({ timeout: 15_000 });
    expect(await page.getByRole('button', { name: 'Abort drill' }).count()).toBe(0);
    // The scorecard shows the time to acknowledge the server measured, and Grace's own.
    const report = await f.admin.get<DrillReport>(`/drills/${drillId}/report`);
    expect(report.timeToAcknowledgeSeconds).toEqual(expect.any(Number));
    const acknowledged = page.locator('[data-test="measure-acknowledged"]');
    await acknowledged.waitFor();
    expect(await acknowledged.locator('.label').textContent()).toBe('Time to acknowledge');
    expect(await acknowledged.locator('.value').textContent()).toBe(formatSeconds(report.timeToAcknowledgeSeconds!));
    expect((await page.locator(`[data-test="ack-${f.responder.id}"]`).textContent())!.replace(/\s+/g, ' ')).toContain('Grace Hopper: acknowledged after');
    expect((await page.locator('[data-test="score"]').textContent())!.replace(/\s+/g, ' ').trim()).toBe(`${report.score} / 100`);
    await auditBoth('scorecard');

    // The history keeps it.
    await page.getByRole('link', { name: '‹ Drills' }).tap();
    await page.getByRole('region', { name: 'History' }).getByText(scenario.name).waitFor();
    await auditBoth('history');
  });
});
