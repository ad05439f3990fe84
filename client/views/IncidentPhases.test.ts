import { type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IncidentDetail } from '../../shared/api/incidents';
import { ada, incidentDetail, timelineEvent } from '../testing/fixtures';
import { jsonResponse, stubFetch } from '../testing/fetch-stub';
import { mountAppAt } from '../testing/mount-app';
import { resetOfflineDb } from '../testing/offline-db';

let wrapper: VueWrapper | undefined;
beforeEach(resetOfflineDb);
afterEach(() => {
  wrapper?.unmount();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** A server that answers with `incident` and records every write. */
function serve(incident: IncidentDetail) {
  const stub = stubFetch({
    'GET /api/v1/me': () => jsonResponse(200, { user: ada }),
    [`GET /api/v1/incidents/${incident.id}`]: () => jsonResponse(200, incident),
  });
  const answer = () => jsonResponse(200, incident);
  for (const write of [`POST /api/v1/incidents/${incident.id}/phase`, `POST /api/v1/incidents/${incident.id}/mitigate`, `POST /api/v1/incidents/${incident.id}/resolve`, `PATCH /api/v1/incidents/${incident.id}`]) {
    stub.routes[write] = answer;
  }
  return { ...stub, writes: () => stub.requests.filter((req) => req.method !== 'GET').map((req) => ({ method: req.method, path: req.path, body: req.body })) };
}

async function open(incident: IncidentDetail) {
  ({ wrapper } = await mountAppAt(`/incidents/${incident.id}`));
  await vi.waitFor(() => expect(wrapper!.find('.phase-tracker').exists()).toBe(true));
  return wrapper;
}

const tracker = (view: VueWrapper) => view.find('.phase-tracker');
const nextButton = (view: VueWrapper) => tracker(view).find('button.next-move');
const button = (view: VueWrapper, text: string) => view.findAll('button').find((b) => b.text() === text);

describe('phase tracker', () => {
  it('shows the six phases with the current one marked and offers the next move', async () => {
    const incident = incidentDetail({ status: 'acknowledged', phase: 'response' });
    const { writes } = serve(incident);
    const view = await open(incident);
    const steps = tracker(view).findAll('li');
    expect(steps.map((li) => li.find('.label').text())).toEqual(['Triage', 'Response', 'Resolution', 'Recovery', 'Review', 'Closed']);
    expect(steps.map((li) => li.attributes('aria-current') ?? '')).toEqual(['', 'step', '', '', '', '']);
    expect(nextButton(view).text()).toBe('Mark mitigated');
    expect(nextButton(view).attributes('disabled')).toBeUndefined();

    await nextButton(view).trigger('click');
    await vi.waitFor(() => expect(writes()).toEqual([{ method: 'POST', path: `/api/v1/incidents/${incident.id}/mitigate`, body: undefined }]));
  });

  it('says in words why the rule refuses the next move', async () => {
    const incident = incidentDetail({ status: 'acknowledged', phase: 'resolution', mitigatedAt: new Date().toISOString() });
    const { writes } = serve(incident);
    const view = await open(incident);
    expect(nextButton(view).text()).toBe('Move to recovery');
    expect(nextButton(view).attributes('disabled')).toBeDefined();
    expect(tracker(view).find('.refusal').text()).toBe('Resolve the incident before moving it to recovery.');
    await nextButton(view).trigger('click');
    expect(writes()).toEqual([]);
  });

  it('links a SEV-1 without a completed review to its review', async () => {
    const incident = incidentDetail({ status: 'resolved', phase: 'review', severity: 'SEV-1' });
    serve(incident);
    const view = await open(incident);
    expect(nextButton(view).text()).toBe('Close');
    expect(tracker(view).find('.refusal').text()).toContain('needs a completed post-incident review');
    expect(tracker(view).find('a.review-link').attributes('href')).toBe(`/incidents/${incident.id}/review`);
  });

  it('moves a resolved incident on with the phase command', async () => {
    const incident = incidentDetail({ status: 'resolved', phase: 'recovery', severity: 'SEV-3' });
    const { writes } = serve(incident);
    const view = await open(incident);
    expect(nextButton(view).text()).toBe('Start review');
    await nextButton(view).trigger('click');
    await vi.waitFor(() => expect(writes()).toEqual([{ method: 'POST', path: `/api/v1/incidents/${incident.id}/phase`, body: { phase: 'review' } }]));
    // No severity picker on a resolved incident.
    expect(view.find('select[name="severity"]').exists()).toBe(false);
  });
});

describe('resolve with undo', () => {
  it('queues nothing for 5 s, and nothing at all when undone', async () => {
    const incident = incidentDetail({ status: 'acknowledged', phase: 'response' });
    const { writes } = serve(incident);
    const view = await open(incident);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    await button(view, 'Resolve')!.trigger('click');
    expect(view.find('.undo-bar').text()).toContain('Resolving in 5 s');
    vi.advanceTimersByTime(4000);
    await view.vm.$nextTick();
    expect(view.find('.undo-bar').text()).toContain('Resolving in 1 s');
    await button(view, 'Undo')!.trigger('click');
    vi.advanceTimersByTime(10_000);
    vi.useRealTimers();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(writes()).toEqual([]);
    expect(button(view, 'Resolve')).toBeDefined();
  });

  it('sends the resolve once the 5 s are up', async () => {
    const incident = incidentDetail({ status: 'acknowledged', phase: 'response' });
    const { writes } = serve(incident);
    const view = await open(incident);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    await button(view, 'Resolve')!.trigger('click');
    vi.advanceTimersByTime(4999);
    expect(writes()).toEqual([]);
    vi.advanceTimersByTime(1);
    vi.useRealTimers();
    await vi.waitFor(() => expect(writes()).toEqual([{ method: 'POST', path: `/api/v1/incidents/${incident.id}/resolve`, body: undefined }]));
  });
});

describe('title edit and times', () => {
  it('renames in place through a queued PATCH and shows the new title at once', async () => {
    const incident = incidentDetail();
    const { writes, routes } = serve(incident);
    // Offline-first: the rename shows before the server answers.
    let answer!: () => void;
    routes[`PATCH /api/v1/incidents/${incident.id}`] = () =>
      new Promise((resolve) => (answer = () => resolve(jsonResponse(200, { ...incident, title: 'Payments 502', timeline: [...incident.timeline, timelineEvent('title_changed', { from: incident.title, to: 'Payments 502' })] }))));
    const view = await open(incident);
    await view.find('button[aria-label="Edit title"]').trigger('click');
    const input = view.find('form[aria-label="Edit title"] input[name="title"]');
    expect((input.element as HTMLInputElement).value).toBe('Checkout returns 502');
    await input.setValue('  Payments 502 ');
    await view.find('form[aria-label="Edit title"]').trigger('submit');
    await vi.waitFor(() => expect(view.find('h1').text()).toBe('Payments 502'));
    await vi.waitFor(() => expect(writes()).toEqual([{ method: 'PATCH', path: `/api/v1/incidents/${incident.id}`, body: { title: 'Payments 502' } }]));
    answer();
  });

  it('refuses a start after detection before queuing, naming the field', async () => {
    const incident = incidentDetail();
    const { writes } = serve(incident);
    const view = await open(incident);
    const later = new Date(new Date(incident.detectedAt).getTime() + 60_000);
    const local = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    await view.find('input[name="startedAt"]').setValue(local(later));
    await view.find('form[aria-label="Edit times"]').trigger('submit');
    await vi.waitFor(() => expect(view.find('form[aria-label="Edit times"] [role="alert"]').text()).toMatch(/^StartedAt must be at or before detectedAt/));
    expect(writes()).toEqual([]);
  });

  it('says who acknowledged and when in the header', async () => {
    const incident = incidentDetail({ status: 'acknowledged', phase: 'response', acknowledgedAt: new Date(Date.now() - 3 * 60_000).toISOString(), acknowledgedBy: { id: 'u-ada', name: 'Ada' } });
    serve(incident);
    const view = await open(incident);
    expect(view.find('.acknowledged-by').text()).toBe('Acknowledged by Ada · 3 minutes ago');
  });
});
