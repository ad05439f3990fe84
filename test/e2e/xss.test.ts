import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentDetail } from '../../shared/api/incidents';
import type { Review, SaveReviewRequest } from '../../shared/api/review';
import type { Service } from '../../shared/api/services';
import { signIn, type ApiSession } from '../helpers/api-session';
import { launchBrowser, newPhoneContext } from '../helpers/browser';
import { serverAdmin, startServer, type ServerProcess } from '../helpers/server-process';
import { expectRenderedInert, injectionFindings, watchForInjection, xssFlag, xssPayloads, xssText } from './xss-payloads';

/**
 * Text from monitoring tools and people (alert summaries and custom details through the real /v2/enqueue,
 * notes, runbooks, status updates, post-incident review text) carrying script payloads renders inert in
 * Chromium: shown as text, never run. See xss-payloads.ts for how to add more places.
 */

let server: ServerProcess;
let browser: Browser;
let admin: ApiSession;
let service: Service & { integrationKey: string };
let incident: IncidentDetail;
/** Status updates carrying the payloads, resolved, its review not written yet (so the review starts from the generated timeline). */
let updated: IncidentDetail;
/** Resolved, with every text of its review (summary, impact, highlights, factors, went well/hard, action items) carrying the payloads. */
let reviewed: IncidentDetail;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  admin = await signIn(server.url, serverAdmin.email, serverAdmin.password);
  service = await admin.post('/services', { name: 'Checkout' });

  await admin.put(`/services/${service.id}/runbook`, { markdown: `# Runbook\n\n${xssText('runbook')}\n\n- [ ] step ${xssPayloads[1]}\n- [ ] [step link](javascript:window.${xssFlag}='step')` });
  const event = {
    routing_key: service.integrationKey,
    event_action: 'trigger',
    dedup_key: 'xss-1',
    payload: {
      summary: `summary ${xssPayloads[0]} ${xssPayloads[1]}`.slice(0, 1024),
      source: `source ${xssPayloads[2]}`,
      severity: 'critical',
      class: `class ${xssPayloads[1]}`,
      custom_details: { text: xssText('detail'), [`key ${xssPayloads[1]}`]: xssPayloads[2], nested: { html: xssPayloads[0] } },
    },
    // The intake refuses a javascript: link outright (400), so only the link text carries a payload.
    links: [{ href: 'https://grafana.example.com/d/1', text: `link ${xssPayloads[1]} ${xssPayloads[2]}` }],
  };
  const res = await fetch(`${server.url}/v2/enqueue`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(event) });
  expect(res.status, await res.clone().text()).toBe(202);
  const list = await admin.get<{ items: IncidentDetail[] }>(`/incidents?serviceId=${service.id}`);
  incident = list.items[0];
  await admin.post(`/incidents/${incident.id}/notes`, { text: xssText('note') });

  updated = await admin.post<IncidentDetail>('/incidents', { serviceId: service.id, title: 'Checkout errors after deploy', severity: 'SEV-2' });
  await admin.post(`/incidents/${updated.id}/status-updates`, { text: xssText('stakeholder update'), audience: 'stakeholders' });
  await admin.post(`/incidents/${updated.id}/status-updates`, { text: xssText('internal update'), audience: 'internal' });
  await admin.post(`/incidents/${updated.id}/acknowledge`);
  await admin.post(`/incidents/${updated.id}/resolve`);

  reviewed = await admin.post<IncidentDetail>('/incidents', { serviceId: service.id, title: 'Basket totals wrong', severity: 'SEV-3' });
  await admin.post(`/incidents/${reviewed.id}/acknowledge`);
  await admin.post(`/incidents/${reviewed.id}/resolve`);
  // Single-line fields take one payload each; the long texts take them all.
  const at = new Date().toISOString();
  const review: SaveReviewRequest = {
    content: {
      summary: xssText('summary'),
      usersAffected: `users ${xssPayloads[1]}`,
      highlights: xssPayloads.map((payload) => ({ at, text: `highlight: ${payload}`, eventId: null })),
      contributingFactors: xssPayloads.map((payload) => `factor: ${payload}`),
      wentWell: xssText('went well'),
      wasHard: xssText('was hard'),
    },
    actionItems: xssPayloads.map((payload) => ({ title: `action: ${payload}`, ownerId: null, dueDate: '2026-01-05', status: 'open' as const })),
  };
  await admin.put<Review>(`/incidents/${reviewed.id}/review`, review);
});

afterAll(async () => {
  await browser?.close();
  await server?.cleanup();
});

describe('untrusted text renders inert', () => {
  it('on the incident screen: alert summary, custom details, links, notes and the runbook', async () => {
    const context = await newPhoneContext(browser, server.url);
    expect((await context.request.post('/api/v1/auth/login', { data: serverAdmin })).ok()).toBe(true);
    const page = await context.newPage();
    await watchForInjection(page);
    await page.goto(`/incidents/${incident.id}`);
    await page.locator('#runbook-heading').waitFor();
    await page.locator('.alert-summary').first().waitFor();

    // Shown as text, where a person can read what was sent.
    await expect.poll(() => page.locator('.alert-summary').first().textContent()).toContain('<script>');
    expect(await page.locator('.timeline').textContent()).toContain(`note: <img src=x onerror="window.${xssFlag} = 'img onerror'">`);
    expect(await page.locator('.runbook').textContent()).toContain(`runbook: <svg onload="window.${xssFlag} = 'svg onload'">`);
    expect(await page.locator('.runbook input.runbook-step-box').count()).toBe(2);

    await expectRenderedInert(page, 'incident screen');
    // Tapping every link in the runbook and alerts runs nothing either.
    for (const link of await page.locator('main a[href]').all()) {
      const href = (await link.getAttribute('href')) ?? '';
      expect(href).not.toMatch(/^\s*javascript:/i);
    }
    expect((await injectionFindings(page)).flag).toBeUndefined();
    await context.close();
  });

  it('on the service screen: the runbook list and the editor preview', async () => {
    const context = await newPhoneContext(browser, server.url);
    expect((await context.request.post('/api/v1/auth/login', { data: serverAdmin })).ok()).toBe(true);
    const page = await context.newPage();
    await watchForInjection(page);
    await page.goto(`/services/${service.id}`);
    await page.locator('.runbook-title').first().waitFor();
    await expectRenderedInert(page, 'service runbooks');
    await page.getByRole('button', { name: 'Edit Service runbook' }).click();
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.locator('.preview h1').waitFor();
    await expectRenderedInert(page, 'runbook editor preview');
    await context.close();
  });

  it('status updates on the incident screen and in the review it starts from', async () => {
    const context = await newPhoneContext(browser, server.url);
    expect((await context.request.post('/api/v1/auth/login', { data: serverAdmin })).ok()).toBe(true);
    const page = await context.newPage();
    await watchForInjection(page);
    await page.goto(`/incidents/${updated.id}`);
    await page.locator('.update-list .update').nth(1).waitFor();
    const shown = await page.locator('.update-list').textContent();
    for (const payload of xssPayloads) {
      expect(shown).toContain(`stakeholder update: ${payload}`);
      expect(shown).toContain(`internal update: ${payload}`);
    }
    await expectRenderedInert(page, 'status updates on the incident screen');

    // The review's generated timeline quotes the updates.
    await page.goto(`/incidents/${updated.id}/review`);
    await page.getByRole('heading', { name: 'Post-incident review' }).waitFor();
    await expect
      .poll(async () => (await page.locator('ol.highlights textarea').evaluateAll((boxes) => boxes.map((box) => (box as HTMLTextAreaElement).value))).join('\n'))
      .toContain(`stakeholder update: ${xssPayloads[0]}`);
    await expectRenderedInert(page, 'status updates in the review timeline');
    await context.close();
  });

  it('review text on the review screen, while written and once completed, and on the action items screen', async () => {
    const context = await newPhoneContext(browser, server.url);
    expect((await context.request.post('/api/v1/auth/login', { data: serverAdmin })).ok()).toBe(true);
    const page = await context.newPage();
    await watchForInjection(page);
    const value = (selector: string) => page.locator(selector).inputValue();

    await page.goto(`/incidents/${reviewed.id}/review`);
    await page.getByRole('heading', { name: 'Post-incident review' }).waitFor();
    await expect.poll(() => page.getByRole('textbox', { name: 'Summary' }).inputValue()).toBe(xssText('summary'));
    expect(await page.getByLabel('Users affected').inputValue()).toBe(`users ${xssPayloads[1]}`);
    expect(await page.getByRole('textbox', { name: 'What went well' }).inputValue()).toBe(xssText('went well'));
    expect(await page.getByRole('textbox', { name: 'What was hard' }).inputValue()).toBe(xssText('was hard'));
    for (const [index, payload] of xssPayloads.entries()) {
      expect(await value(`#highlight-${index}`)).toBe(`highlight: ${payload}`);
      expect(await value(`#factor-${index}`)).toBe(`factor: ${payload}`);
      expect(await value(`#item-title-${index}`)).toBe(`action: ${payload}`);
    }
    await expectRenderedInert(page, 'review being written');

    // Completed, the same text is shown read-only.
    await page.getByRole('button', { name: 'Complete the review' }).click();
    await page.getByText(/Review completed/).first().waitFor();
    expect(await page.getByRole('textbox', { name: 'Summary' }).isDisabled()).toBe(true);
    expect(await value('#factor-0')).toBe(`factor: ${xssPayloads[0]}`);
    await expectRenderedInert(page, 'completed review');

    // Action item titles, listed across incidents.
    await page.goto('/action-items');
    await page.getByRole('heading', { name: 'Open action items' }).waitFor();
    await page.getByText(`action: ${xssPayloads[1]}`).waitFor();
    await expectRenderedInert(page, 'action items screen');
    await context.close();
  });

  it('the check itself fails when a payload reaches the DOM (it is not vacuous)', async () => {
    const context = await newPhoneContext(browser, server.url);
    const page = await context.newPage();
    await watchForInjection(page);
    await page.goto('/healthz');
    // What a renderer that trusted its input would do.
    await page.evaluate((payload) => (document.body.innerHTML += payload), xssPayloads[1]);
    await expect(expectRenderedInert(page, 'planted')).rejects.toThrow(/took effect/);
    await context.close();
  });
});
