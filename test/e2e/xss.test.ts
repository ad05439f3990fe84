import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentDetail } from '../../shared/api/incidents';
import type { Service } from '../../shared/api/services';
import { signIn, type ApiSession } from '../helpers/api-session';
import { launchBrowser, newPhoneContext } from '../helpers/browser';
import { serverAdmin, startServer, type ServerProcess } from '../helpers/server-process';
import { expectRenderedInert, injectionFindings, watchForInjection, xssFlag, xssPayloads, xssText } from './xss-payloads';

/**
 * Text from monitoring tools and people (alert summaries and custom details through the real /v2/enqueue,
 * notes, runbooks) carrying script payloads renders inert in Chromium: shown as text, never run. See
 * xss-payloads.ts for how to add more places (status updates, review text).
 */

let server: ServerProcess;
let browser: Browser;
let admin: ApiSession;
let service: Service & { integrationKey: string };
let incident: IncidentDetail;

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
