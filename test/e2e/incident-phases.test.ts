import { mkdirSync } from 'node:fs';
import type { BrowserContext, Page, Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { IncidentDetail } from '../../shared/api/incidents';
import { newPhoneContext } from '../helpers/browser';
import { auditLayout } from './layout-audit';
import { reloadOffline, signInAndOpen, useOfflineSuite } from './offline-app';

const responder = { email: 'ada@muster.test', name: 'Ada Lovelace', password: 'analytical engine 1843' };
const suite = useOfflineSuite(responder, 'Payments gateway (eu-west-1)');
const shotsDir = process.env.MUSTER_PHASES_SHOTS_DIR ?? '/work/screens';
const textSelectors = ['h1', 'h2', 'p', 'label', 'dt', 'dd', 'summary', '.btn', '.muted', '.field-hint', '.phases li', '.refusal', '[role="alert"]', '[role="status"]'];

const openIncident = (title: string, severity = 'SEV-2') => suite.admin.post<IncidentDetail>('/incidents', { serviceId: suite.service.id, title, severity });

/** Phase and mitigate commands that reached the server and got an answer, in order. */
function watchPhaseCommands(ctx: BrowserContext) {
  const sent: Array<{ path: string; key: string | undefined }> = [];
  ctx.on('requestfinished', (req: Request) => {
    const path = new URL(req.url()).pathname;
    if (req.method() === 'POST' && /\/(phase|mitigate)$/.test(path)) sent.push({ path: path.split('/').at(-1)!, key: req.headers()['idempotency-key'] });
  });
  return sent;
}

async function phaseEvents(incidentId: string) {
  const { timeline } = await suite.admin.get<IncidentDetail>(`/incidents/${incidentId}`);
  return timeline.filter((event) => ['phase_changed', 'mitigated'].includes(event.type)).map(({ type, data, actor }) => ({ type, data, by: actor.name }));
}

async function auditScreen(page: Page, name: string) {
  mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: `${shotsDir}/phases-${name}.png`, fullPage: true });
  const audit = await auditLayout(page, textSelectors);
  expect(audit, name).toEqual({ overflowPx: 0, smallTargets: [], lowContrast: [] });
}

describe('incident phases from a phone', () => {
  it('moves the phase and marks mitigated offline; back online the server gets each command once, in order', async () => {
    const incident = await openIncident('Card payments declined for EU customers');
    const context = await newPhoneContext(suite.browser, suite.server.url, { colorScheme: 'light' });
    suite.context = context;
    const page = await context.newPage();
    const sent = watchPhaseCommands(context);

    await signInAndOpen(page, responder, incident);
    const tracker = page.locator('.phase-tracker');
    expect(await tracker.locator('[aria-current="step"] .label').textContent()).toBe('Triage');
    await reloadOffline(context, page, incident);

    await tracker.getByRole('button', { name: 'Start response' }).tap();
    await tracker.locator('[aria-current="step"]', { hasText: 'Response' }).waitFor();
    await tracker.getByRole('button', { name: 'Mark mitigated' }).tap();
    await tracker.locator('[aria-current="step"]', { hasText: 'Resolution' }).waitFor();
    await page.locator('.offline-banner', { hasText: '2 changes waiting' }).waitFor();
    // Still in resolution and not resolved: the rule's reason shows instead of a move.
    expect(await tracker.locator('.refusal').textContent()).toContain('Resolve the incident before moving it to recovery.');
    await auditScreen(page, 'offline-light');
    expect(sent).toEqual([]);
    expect(await phaseEvents(incident.id)).toEqual([]);

    await context.setOffline(false);
    // Playwright lifts offline emulation without the `online` event a phone gets (see offline.test.ts).
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect.poll(async () => (await phaseEvents(incident.id)).length, { timeout: 15_000 }).toBe(2);
    await page.locator('.offline-banner').waitFor({ state: 'detached' });
    expect(await phaseEvents(incident.id)).toEqual([
      { type: 'phase_changed', data: { from: 'triage', to: 'response' }, by: 'Ada Lovelace' },
      { type: 'mitigated', data: { at: expect.any(String), phase: { from: 'response', to: 'resolution' } }, by: 'Ada Lovelace' },
    ]);
    // Playwright reports a finished request a moment after the page has the answer: wait for it.
    await expect.poll(() => sent.map((command) => command.path), { timeout: 5_000 }).toEqual(['phase', 'mitigate']);
    expect(new Set(sent.map((command) => command.key)).size).toBe(2);
    const server = await suite.admin.get<IncidentDetail>(`/incidents/${incident.id}`);
    expect(server).toMatchObject({ phase: 'resolution', status: 'triggered', mitigatedAt: expect.any(String) });
    await page.reload();
    await tracker.locator('[aria-current="step"]', { hasText: 'Resolution' }).waitFor();
    await page.locator('.timeline li', { hasText: 'Ada Lovelace marked the incident mitigated' }).waitFor();
    await auditScreen(page, 'online-light');
  });

  it('passes the phone audit in dark mode with times open, and links a SEV-1 without review to its review', async () => {
    const incident = await openIncident('Ledger writes failing', 'SEV-1');
    await suite.admin.post(`/incidents/${incident.id}/acknowledge`);
    await suite.admin.post(`/incidents/${incident.id}/resolve`);
    await suite.admin.post(`/incidents/${incident.id}/phase`, { phase: 'review' });
    const context = await newPhoneContext(suite.browser, suite.server.url, { colorScheme: 'dark' });
    suite.context = context;
    const page = await context.newPage();
    await signInAndOpen(page, responder, incident);

    const tracker = page.locator('.phase-tracker');
    expect(await tracker.getByRole('button', { name: 'Close' }).isDisabled()).toBe(true);
    expect(await tracker.locator('.refusal').textContent()).toContain('needs a completed post-incident review');
    expect(await tracker.getByRole('link', { name: 'Write the review' }).getAttribute('href')).toBe(`/incidents/${incident.id}/review`);
    expect(await page.locator('.acknowledged-by').textContent()).toMatch(/^\s*Acknowledged by \S/);
    // Resolved: no severity picker.
    expect(await page.locator('select[name="severity"]').count()).toBe(0);
    await page.getByText('Edit times').tap();
    await page.locator('input[name="mitigatedAt"]').waitFor();
    await auditScreen(page, 'review-dark');

    // And light, for the same screen.
    await page.emulateMedia({ colorScheme: 'light' });
    await auditScreen(page, 'review-light');
  });

  it('offers Undo for 5 s after Resolve and sends nothing when undone', async () => {
    const incident = await openIncident('Refunds stuck in pending', 'SEV-3');
    const context = await newPhoneContext(suite.browser, suite.server.url, { colorScheme: 'dark' });
    suite.context = context;
    const page = await context.newPage();
    await signInAndOpen(page, responder, incident);
    await page.getByRole('button', { name: 'Resolve' }).tap();
    await page.locator('.undo-bar', { hasText: /Resolving in \d s/ }).waitFor();
    await auditScreen(page, 'undo-dark');
    await page.getByRole('button', { name: 'Undo' }).tap();
    await page.waitForTimeout(5500);
    expect((await suite.admin.get<IncidentDetail>(`/incidents/${incident.id}`)).status).toBe('triggered');
    await page.getByRole('button', { name: 'Resolve' }).tap();
    await expect.poll(async () => (await suite.admin.get<IncidentDetail>(`/incidents/${incident.id}`)).status, { timeout: 10_000 }).toBe('resolved');
  });
});
