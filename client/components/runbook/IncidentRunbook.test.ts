import type { VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IncidentDetail } from '../../../shared/api/incidents';
import { errorResponse, jsonResponse, stubFetch } from '../../testing/fetch-stub';
import { ada, incidentDetail, timelineEvent } from '../../testing/fixtures';
import { mountAppAt } from '../../testing/mount-app';
import { resetOfflineDb } from '../../testing/offline-db';
import { incidentRunbook } from '../../testing/runbook';
import { readIncident } from '../../offline/cache';

let wrapper: VueWrapper | undefined;
beforeEach(resetOfflineDb);
afterEach(() => {
  wrapper?.unmount();
  wrapper = undefined;
  vi.unstubAllGlobals();
});

function serve(incident: IncidentDetail, user = ada) {
  return stubFetch({
    'GET /api/v1/me': () => jsonResponse(200, { user }),
    [`GET /api/v1/incidents/${incident.id}`]: () => jsonResponse(200, incident),
  });
}

async function open(incident: IncidentDetail) {
  ({ wrapper } = await mountAppAt(`/incidents/${incident.id}`));
  // The runbook is its own chunk: the first import transforms markdown-it and DOMPurify.
  await vi.waitFor(() => expect(wrapper!.find('#runbook-heading').exists()).toBe(true), { timeout: 10_000 });
  return wrapper!;
}

const boxes = (view: VueWrapper) => view.findAll<HTMLInputElement>('input.runbook-step-box').map((box) => box.element);

describe("the incident's runbook", () => {
  it('shows the runbook with a checkbox per step, ticked as the incident says, and who ticked it', async () => {
    const runbook = incidentRunbook(undefined, 'HighLatency');
    runbook.steps[0] = { ...runbook.steps[0], done: true, by: { id: 'u-bob', name: 'Bob' }, at: new Date().toISOString() };
    serve(incidentDetail({ runbook }));
    const view = await open(incidentDetail({ runbook }));
    expect(view.find('#runbook-heading').text()).toBe('Runbook · HighLatency');
    expect(view.find('.runbook .progress').text()).toBe('2 of 3 steps done');
    await vi.waitFor(() => expect(boxes(view).map((box) => box.checked)).toEqual([true, true, false]));
    expect(boxes(view).every((box) => !box.disabled)).toBe(true);
    expect(view.find('[data-step-by="0"]').text()).toMatch(/^Ticked by Bob · /);
    expect(view.find('[data-step-by="1"]').text()).toBe('');
    const link = view.find('.runbook a');
    expect(link.attributes()).toMatchObject({ href: 'https://grafana.example.com/d/checkout', target: '_blank', rel: 'noopener noreferrer' });
  });

  it('a tick is queued with an Idempotency-Key, shown at once, then confirmed by the server', async () => {
    let incident = incidentDetail({ runbook: incidentRunbook() });
    const { requests, routes } = serve(incident);
    routes[`GET /api/v1/incidents/${incident.id}`] = () => jsonResponse(200, incident);
    let answer: (() => void) | undefined;
    routes[`POST /api/v1/incidents/${incident.id}/runbook-steps`] = () =>
      new Promise((resolve) => {
        answer = () => {
          const steps = incident.runbook!.steps.map((step) => (step.index === 2 ? { ...step, done: true, by: { id: ada.id, name: ada.name }, at: new Date().toISOString() } : step));
          incident = { ...incident, runbook: { ...incident.runbook!, steps }, timeline: [...incident.timeline, timelineEvent('runbook_step', { index: 2, label: 'Roll back the last deploy', done: true })] };
          resolve(jsonResponse(200, incident));
        };
      });
    const view = await open(incident);

    await view.findAll('input.runbook-step-box')[2].setValue(true);
    await vi.waitFor(() => expect(answer).toBeDefined());
    // Before the server answers: ticked, counted and on the timeline, marked not sent yet.
    expect(boxes(view)[2].checked).toBe(true);
    expect(view.find('.runbook .progress').text()).toBe('2 of 3 steps done');
    expect(view.find('.not-sent').text()).toContain('runbook-step');
    expect(view.findAll('.timeline .headline').map((node) => node.text())).toContain('Ada Lovelace ticked runbook step 3');

    answer!();
    await vi.waitFor(() => expect(view.find('.not-sent').exists()).toBe(false));
    const posts = requests.filter((req) => req.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0].body).toEqual({ index: 2, done: true });
    expect(posts[0].headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
    expect(boxes(view)[2].checked).toBe(true);
    // The detail kept on the device carries the runbook for reading offline.
    expect((await readIncident(incident.id))?.runbook?.steps[2].done).toBe(true);
  });

  it('a tick the server refuses is rolled back and shown', async () => {
    const incident = incidentDetail({ runbook: incidentRunbook() });
    const { routes } = serve(incident);
    routes[`POST /api/v1/incidents/${incident.id}/runbook-steps`] = () => errorResponse(400, 'bad_request', 'index: no step 0; its runbook has no steps');
    const view = await open(incident);
    await view.findAll('input.runbook-step-box')[0].setValue(true);
    await vi.waitFor(() => expect(view.find('[role="alert"]').exists()).toBe(true));
    expect(view.find('[role="alert"] .reason').text()).toBe('Index: no step 0; its runbook has no steps');
    await vi.waitFor(() => expect(boxes(view)[0].checked).toBe(false));
  });

  it('viewers read the steps but cannot tick them', async () => {
    const incident = incidentDetail({ runbook: incidentRunbook() });
    serve(incident, { ...ada, role: 'viewer' });
    const view = await open(incident);
    await vi.waitFor(() => expect(boxes(view).map((box) => box.disabled)).toEqual([true, true, true]));
  });

  it('folds a long runbook behind a button', async () => {
    const long = `${'Background paragraph.\n\n'.repeat(80)}- [ ] last step`;
    const incident = incidentDetail({ runbook: incidentRunbook(long) });
    serve(incident);
    const view = await open(incident);
    const toggle = view.find('button[aria-controls="runbook-text"]');
    expect(toggle.attributes('aria-expanded')).toBe('false');
    expect(view.find('#runbook-text').classes()).toContain('folded');
    await toggle.trigger('click');
    expect(toggle.attributes('aria-expanded')).toBe('true');
    expect(view.find('#runbook-text').classes()).not.toContain('folded');
  });

  it('shows no runbook section when the incident has none', async () => {
    const incident = incidentDetail({ runbook: null });
    serve(incident);
    ({ wrapper } = await mountAppAt(`/incidents/${incident.id}`));
    await vi.waitFor(() => expect(wrapper!.find('h1').exists()).toBe(true));
    expect(wrapper!.find('#runbook-heading').exists()).toBe(false);
  });
});
