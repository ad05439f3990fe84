import { describe, expect, it } from 'vitest';
import type { IncidentDetail } from '../../shared/api/incidents';
import { newPhoneContext } from '../helpers/browser';
import { recordedActions, reloadOffline, shotFitsPhone, signInAndOpen, useOfflineSuite } from './offline-app';

const responder = { email: 'katherine@muster.test', name: 'Katherine Johnson', password: 'trajectory 1962 orbit' };

const suite = useOfflineSuite(responder, 'Payments gateway');

describe.each(['light', 'dark'] as const)('a conflict after reconnecting (%s)', (colorScheme) => {
  it('rolls back an acknowledge made offline on an incident resolved meanwhile, and tells the user', async () => {
    const incident = await suite.admin.post<IncidentDetail>('/incidents', {
      serviceId: suite.service.id,
      title: 'Card payments declined',
      severity: 'SEV-1',
    });
    const context = await newPhoneContext(suite.browser, suite.server.url, { colorScheme });
    suite.context = context;
    const page = await context.newPage();

    await signInAndOpen(page, responder, incident);
    await reloadOffline(context, page, incident);
    await page.getByRole('button', { name: 'Acknowledge' }).tap();
    await page.locator('.offline-banner', { hasText: '1 change waiting' }).waitFor();
    expect(await page.locator('.status-badge').first().textContent()).toBe('Acknowledged');

    // Meanwhile the monitoring recovered and someone resolved it on the server.
    await suite.admin.post(`/incidents/${incident.id}/resolve`);
    await context.setOffline(false);

    const refusal = page.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.locator('.headline').textContent()).toBe('Your acknowledgement was not applied');
    expect(await refusal.locator('.reason').textContent()).toBe(
      `Cannot acknowledge incident #${incident.number}: the incident is already resolved`,
    );
    await page.locator('.status-badge', { hasText: 'Resolved' }).first().waitFor();
    expect(await page.locator('.timeline li', { hasText: 'Katherine Johnson acknowledged' }).count()).toBe(0);
    expect(await page.locator('.offline-banner .strip').count()).toBe(0);
    await shotFitsPhone(page, `offline-refused-${colorScheme}`);

    expect(await recordedActions(suite.admin, incident.id)).toEqual([{ type: 'triggered' }, { type: 'resolved' }]);

    // Dismissed, the refusal is gone for good, also after a reload.
    await refusal.getByRole('button', { name: 'Dismiss' }).tap();
    await refusal.waitFor({ state: 'detached' });
    await page.reload();
    await page.getByRole('heading', { level: 1, name: incident.title }).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
  });
});
