import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../shared/api/accounts';
import type { IncidentDetail } from '../../shared/api/incidents';
import type { Service } from '../../shared/api/services';
import { launchBrowser, newPhoneContext } from '../helpers/browser';
import { serverAdmin, startServer, type ServerProcess } from '../helpers/server-process';
import { signIn, type ApiSession } from '../helpers/api-session';

const responder = { email: 'ada@muster.test', name: 'Ada Lovelace', password: 'analytical engine 1843' };

let server: ServerProcess;
let browser: Browser;
let admin: ApiSession;

beforeAll(async () => {
  if (!existsSync(new URL('../../dist/index.html', import.meta.url))) {
    throw new Error('dist/ has no built app: run `npx vite build` first (npm test does)');
  }
  server = await startServer();
  browser = await launchBrowser();
  admin = await signIn(server.url, serverAdmin.email, serverAdmin.password);
});

afterAll(async () => {
  await browser?.close();
  await server?.cleanup();
});

describe('acknowledging from the phone', () => {
  it('signs in, opens the incident from the list, acknowledges it once', async () => {
    const ada = await admin.post<User>('/users', { ...responder, role: 'responder' });
    const service = await admin.post<Service>('/services', { name: 'Checkout API' });
    const incident = await admin.post<IncidentDetail>('/incidents', {
      serviceId: service.id,
      title: 'Checkout returns 502',
      severity: 'SEV-2',
    });

    const context = await newPhoneContext(browser, server.url);
    const page = await context.newPage();
    const acknowledgeCalls: string[] = [];
    page.on('request', (req) => {
      if (req.method() === 'POST' && req.url().endsWith('/acknowledge')) acknowledgeCalls.push(req.url());
    });

    await page.goto('/');
    await page.waitForURL('**/login');
    await page.getByLabel('Email').fill(responder.email);
    await page.getByLabel('Password').fill(responder.password);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.getByRole('link', { name: /Checkout returns 502/ }).click();
    await page.waitForURL(`**/incidents/${incident.id}`);
    await page.getByRole('button', { name: 'Acknowledge' }).tap();

    await page.locator('.timeline li', { hasText: 'Ada Lovelace acknowledged' }).waitFor();
    await page.getByRole('button', { name: 'Acknowledge' }).waitFor({ state: 'detached' });
    expect(await page.locator('.status-badge').first().textContent()).toBe('Acknowledged');
    expect(acknowledgeCalls).toEqual([`${server.url}/api/v1/incidents/${incident.id}/acknowledge`]);

    const recorded = await admin.get<IncidentDetail>(`/incidents/${incident.id}`);
    const acknowledgements = recorded.timeline.filter((event) => event.type === 'acknowledged');
    expect(recorded.status).toBe('acknowledged');
    expect(acknowledgements).toHaveLength(1);
    expect(acknowledgements[0].actor).toMatchObject({ type: 'user', id: ada.id, name: 'Ada Lovelace' });
    await context.close();
  });
});
