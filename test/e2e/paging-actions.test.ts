import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../shared/api/accounts';
import type { IncidentDetail } from '../../shared/api/incidents';
import type { Service } from '../../shared/api/services';
import { signIn, type ApiSession } from '../helpers/api-session';
import { launchBrowser, newPhoneContext } from '../helpers/browser';
import { serverAdmin, startServer, type ServerProcess } from '../helpers/server-process';
import { auditLayout } from './layout-audit';

/**
 * Reassign, snooze and reopen on a 390×844 phone, light and dark: the acknowledged incident offers the snooze
 * choices and then says until when; the reassign sheet finds a person by name and hands the incident over
 * (triggered again); a resolved incident offers Reopen. A real server; the layout audit on each screen.
 */
const shotsDir = process.env.MUSTER_SHOTS_DIR ?? '/tmp/muster-shots';
const textSelectors = ['h1', 'h2', '.btn', '.muted', '.snoozed', '.snooze-label', '.option-name', '.option-detail', '.timeline .headline', 'label', '[role="alert"]'];
const bobAccount = { email: 'bob@muster.test', name: 'Bob Babbage', password: 'difference engine 1822' };

let server: ServerProcess;
let browser: Browser;
let admin: ApiSession;
let serviceId: string;

beforeAll(async () => {
  if (!existsSync(new URL('../../dist/index.html', import.meta.url))) {
    throw new Error('dist/ has no built app: run `npx vite build` first (npm test does)');
  }
  mkdirSync(shotsDir, { recursive: true });
  server = await startServer();
  browser = await launchBrowser();
  admin = await signIn(server.url, serverAdmin.email, serverAdmin.password);
  const bob = await admin.post<User>('/users', { ...bobAccount, role: 'responder' });
  const policy = await admin.post<{ id: string }>('/escalation-policies', { name: 'Database on-call', repeat: 0, steps: [{ delaySeconds: 600, targets: [{ type: 'user', id: bob.id }] }] });
  serviceId = (await admin.post<Service>('/services', { name: 'Checkout' })).id;
  await admin.patch(`/services/${serviceId}`, { escalationPolicyId: policy.id });
});

afterAll(async () => {
  await browser?.close();
  await server?.cleanup();
});

async function signInAs(page: Page, email: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/$/);
}

async function expectFitsPhone(page: Page, name: string) {
  await page.screenshot({ path: join(shotsDir, `paging-${name}.png`), fullPage: true });
  const audit = await auditLayout(page, textSelectors);
  expect(audit, name).toEqual({ overflowPx: 0, smallTargets: [], lowContrast: [] });
}

describe.each(['light', 'dark'] as const)('paging actions on a 390×844 phone in %s mode', (colorScheme) => {
  it('snoozes an acknowledged incident, reassigns it to a person, and reopens it once resolved', async () => {
    const incident = await admin.post<IncidentDetail>('/incidents', { serviceId, title: 'Checkout latency over 2 s', severity: 'SEV-2' });
    await admin.post(`/incidents/${incident.id}/acknowledge`);
    const context = await newPhoneContext(browser, server.url, { colorScheme });
    const page = await context.newPage();
    await signInAs(page, serverAdmin.email, serverAdmin.password);
    await page.goto(`/incidents/${incident.id}`);

    const actions = page.getByRole('region', { name: 'Paging actions' });
    await actions.getByRole('button', { name: '1 h' }).click();
    await expect.poll(() => actions.locator('.snoozed').textContent(), { timeout: 10_000 }).toMatch(/^Snoozed until \d\d:\d\d( [AP]M)?: paging starts again then\.$/);
    // The phone shows the snooze at once; the server has it once the queued command is sent.
    const snoozedUntil = async () => (await admin.get<IncidentDetail>(`/incidents/${incident.id}`)).snoozedUntil;
    await expect.poll(snoozedUntil, { timeout: 10_000 }).not.toBeNull();
    expect(new Date((await snoozedUntil())!).getTime() - Date.now()).toBeGreaterThan(58 * 60_000);
    await expectFitsPhone(page, `snoozed-${colorScheme}`);

    await actions.getByRole('button', { name: 'Reassign…' }).click();
    const sheet = page.getByRole('dialog', { name: `Reassign #${incident.number}` });
    await sheet.getByLabel('Person or escalation policy').fill('bab');
    await sheet.getByRole('button', { name: /Bob Babbage/ }).click();
    await expectFitsPhone(page, `reassign-sheet-${colorScheme}`);
    await sheet.getByRole('button', { name: 'Reassign to Bob Babbage' }).click();
    await expect.poll(() => page.locator('.status-badge').textContent(), { timeout: 10_000 }).toBe('Triggered');
    await expect.poll(() => page.locator('.timeline .headline').allTextContents()).toContain('admin reassigned the incident to Bob Babbage');
    const onServer = async () => admin.get<IncidentDetail>(`/incidents/${incident.id}`);
    await expect.poll(async () => (await onServer()).timeline.map((event) => event.type), { timeout: 10_000 }).toContain('reassigned');

    await admin.post(`/incidents/${incident.id}/resolve`);
    await page.reload();
    await actions.getByRole('button', { name: 'Reopen and page again' }).click();
    await expect.poll(() => page.locator('.status-badge').textContent(), { timeout: 10_000 }).toBe('Triggered');
    await expect.poll(async () => (await onServer()).status, { timeout: 10_000 }).toBe('triggered');
    const reopened = await onServer();
    // Bob has no device, so the step is marked unreachable and exhausts at once; it was paged again all the same.
    expect(reopened).toMatchObject({ status: 'triggered', phase: 'triage', resolvedAt: null, escalation: { policyName: 'Database on-call', step: 1 } });
    const types = reopened.timeline.map((event) => event.type);
    expect(types.slice(types.indexOf('resolved'), types.indexOf('resolved') + 4)).toEqual(['resolved', 'reopened', 'step_reached', 'step_unreachable']);
    await expectFitsPhone(page, `reopened-${colorScheme}`);
    await context.close();
  });
});
