import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentDetail } from '../../shared/api/incidents';
import type { Service } from '../../shared/api/services';
import { signIn, type ApiSession } from '../helpers/api-session';
import { launchBrowser, newPhoneContext } from '../helpers/browser';
import { serverAdmin, startServer, type ServerProcess } from '../helpers/server-process';
import { auditLayout } from './layout-audit';

/** Screenshots for a person to look at; the audit and the assertions are the test. */
const shotsDir = process.env.MUSTER_RUNBOOK_SHOTS_DIR ?? '/tmp/muster-shots';
const textSelectors = ['h1', 'h2', 'h3', 'p', 'li', 'label', 'code', 'pre', '.btn', '.muted', '.field-hint', '.runbook-step-text', '.runbook-step-by', '[role="alert"]', '[role="status"]'];

const markdown = `# Checkout returns 502

Start with [the Grafana checkout dashboard](https://grafana.example.com/d/checkout-overview-with-a-very-long-slug) and the error budget.

- [ ] Check the error rate and latency on the dashboard
- [ ] Look for a deploy in the last hour: \`kubectl -n checkout rollout history deployment/checkout-api-gateway-eu-west-1\`
- [ ] Roll back the last deploy if it lines up
  - [ ] Tell #payments-incidents you rolled back
- [x] Page the database owner if the pool is exhausted

\`\`\`sh
kubectl -n checkout rollout undo deployment/checkout-api-gateway-eu-west-1 --to-revision=142
\`\`\`

> Never restart the primary database by hand.
`;

let server: ServerProcess;
let browser: Browser;
let admin: ApiSession;
let service: Service;
let incident: IncidentDetail;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  admin = await signIn(server.url, serverAdmin.email, serverAdmin.password);
  service = await admin.post<Service>('/services', { name: 'Checkout API (eu-west-1)' });
  await admin.put(`/services/${service.id}/runbook`, { markdown });
  await admin.put(`/services/${service.id}/runbook?class=HighLatency`, { markdown: '- [ ] Scale out the API\n- [ ] Check the CDN' });
  incident = await admin.post<IncidentDetail>('/incidents', { serviceId: service.id, title: 'Checkout returns 502 for card payments', severity: 'SEV-1' });
  await admin.post(`/incidents/${incident.id}/runbook-steps`, { index: 0, done: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.cleanup();
});

/** The whole page, and the section itself at full size (a tall page is shrunk too far to judge). */
async function shoot(page: Page, name: string, section: string) {
  await page.screenshot({ path: `${shotsDir}/runbooks-${name}.png`, fullPage: true });
  await page.locator(section).screenshot({ path: `${shotsDir}/runbooks-${name}-section.png` });
  expect(await auditLayout(page, textSelectors), name).toEqual({ overflowPx: 0, smallTargets: [], lowContrast: [] });
}

describe.each(['light', 'dark'] as const)('runbooks at 390×844 in %s mode', (colorScheme) => {
  it('an incident with its runbook: steps ticked with who, one tick through the app', async () => {
    const context = await newPhoneContext(browser, server.url, { colorScheme });
    expect((await context.request.post('/api/v1/auth/login', { data: serverAdmin })).ok()).toBe(true);
    const page = await context.newPage();
    await page.goto(`/incidents/${incident.id}`);
    await page.locator('#runbook-heading').waitFor();
    await page.locator('#runbook-heading').scrollIntoViewIfNeeded();
    await shoot(page, `incident-${colorScheme}`, '.runbook');

    // A thumb on the second step's text ticks it (the whole label is the target).
    const second = page.locator('.runbook-step').nth(1);
    const box = await second.boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
    const before = await page.locator('input[data-step="1"]').isChecked();
    await second.tap();
    await expect.poll(() => page.locator('input[data-step="1"]').isChecked()).toBe(!before);
    await expect.poll(async () => (await admin.get<IncidentDetail>(`/incidents/${incident.id}`)).runbook!.steps[1].done).toBe(!before);
    await expect.poll(() => page.locator('.not-sent').count()).toBe(0);
    await context.close();
  });

  it('the service runbook editor with its preview', async () => {
    const context = await newPhoneContext(browser, server.url, { colorScheme });
    expect((await context.request.post('/api/v1/auth/login', { data: serverAdmin })).ok()).toBe(true);
    const page = await context.newPage();
    await page.goto(`/services/${service.id}`);
    await page.locator('.runbook-title').first().waitFor();
    await page.locator('#runbooks-heading').scrollIntoViewIfNeeded();
    await page.locator('.runbook-title').first().click();
    await shoot(page, `service-${colorScheme}`, 'section[aria-labelledby="runbooks-heading"]');
    await page.getByRole('button', { name: 'Edit Service runbook' }).click();
    await page.locator('textarea[name="runbook"]').waitFor();
    await shoot(page, `editor-${colorScheme}`, 'section[aria-labelledby="runbooks-heading"]');
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.locator('.preview h1').waitFor();
    await shoot(page, `preview-${colorScheme}`, 'section[aria-labelledby="runbooks-heading"]');
    await context.close();
  });
});
