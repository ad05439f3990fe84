import type { IncidentDetail } from '../../shared/api/incidents';
import { describe, expect, it } from 'vitest';
import { newPhoneContext } from '../helpers/browser';
import { signInAndOpen, useOfflineSuite } from './offline-app';

const responder = { email: 'ada@muster.test', name: 'Ada Lovelace', password: 'analytical engine 1843' };
const suite = useOfflineSuite(responder, 'Checkout API');

describe('on call, offline', () => {
  it('shows who was on call when last seen, saying it is offline', async () => {
    const users = await suite.admin.get<{ items: Array<{ id: string; email: string }> }>('/users');
    const ada = users.items.find((user) => user.email === responder.email)!;
    await suite.admin.post('/schedules', {
      name: 'Primary',
      timeZone: 'UTC',
      layers: [{ users: [ada.id], startDate: '2026-01-01', handoffTime: '09:00', shift: { length: 1, unit: 'weeks' } }],
    });
    const incident = await suite.admin.post<IncidentDetail>('/incidents', { serviceId: suite.service.id, title: 'Search times out', severity: 'SEV-3' });
    const context = await newPhoneContext(suite.browser, suite.server.url);
    suite.context = context;
    const page = await context.newPage();
    await signInAndOpen(page, responder, incident);

    await page.goto('/on-call');
    await page.getByRole('heading', { name: 'Schedules' }).waitFor();
    await page.locator('.schedules li', { hasText: 'Primary' }).waitFor();

    await context.setOffline(true);
    await page.reload();
    await page.locator('[role="status"]', { hasText: /^Offline · last synced/ }).waitFor({ timeout: 10_000 });
    expect(await page.locator('.schedules li', { hasText: 'Primary' }).textContent()).toContain('Ada Lovelace');
  });
});
