import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IncidentDetail } from '../../shared/api/incidents';
import { ada, incidentDetail, timelineEvent } from '../testing/fixtures';
import { errorResponse, jsonResponse, stubFetch } from '../testing/fetch-stub';
import { mountAppAt } from '../testing/mount-app';
import { resetOfflineDb } from '../testing/offline-db';

let wrapper: VueWrapper | undefined;
beforeEach(resetOfflineDb);
afterEach(() => {
  wrapper?.unmount();
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
  // The cached copy is looked up in IndexedDB first, which answers in later tasks.
  await vi.waitFor(() => expect(wrapper!.find('h1').exists()).toBe(true));
  return wrapper;
}

const buttonLabels = (view: VueWrapper) => view.findAll('button').map((button) => button.text());

describe('incident detail', () => {
  it('offers Acknowledge and Resolve while triggered', async () => {
    serve(incidentDetail({ status: 'triggered' }));
    const view = await open(incidentDetail());
    expect(view.find('h1').text()).toBe('Checkout returns 502');
    expect(buttonLabels(view)).toEqual(expect.arrayContaining(['Acknowledge', 'Resolve']));
  });

  it('offers only Resolve once acknowledged, and nothing once resolved', async () => {
    serve(incidentDetail({ status: 'acknowledged' }));
    let view = await open(incidentDetail());
    expect(buttonLabels(view)).not.toContain('Acknowledge');
    expect(buttonLabels(view)).toContain('Resolve');
    view.unmount();

    serve(incidentDetail({ status: 'resolved' }));
    view = await open(incidentDetail());
    // The device's copy (acknowledged) shows first, then the server's.
    await vi.waitFor(() => expect(buttonLabels(view)).not.toContain('Resolve'));
    expect(buttonLabels(view)).not.toContain('Acknowledge');
  });

  it('shows viewers the incident without any action', async () => {
    serve(incidentDetail(), { ...ada, role: 'viewer' });
    const view = await open(incidentDetail());
    expect(view.text()).toContain('Checkout returns 502');
    expect(buttonLabels(view)).toEqual([]);
    expect(view.find('textarea').exists()).toBe(false);
  });

  it('acknowledges with one POST and shows the new timeline entry', async () => {
    let incident = incidentDetail();
    const { requests, routes } = serve(incident);
    routes[`GET /api/v1/incidents/${incident.id}`] = () => jsonResponse(200, incident);
    routes[`POST /api/v1/incidents/${incident.id}/acknowledge`] = () => {
      incident = { ...incident, status: 'acknowledged', timeline: [...incident.timeline, timelineEvent('acknowledged', { from: 'triggered' })] };
      return jsonResponse(200, incident);
    };
    const view = await open(incident);

    await view.findAll('button').find((button) => button.text() === 'Acknowledge')!.trigger('click');
    await vi.waitFor(() => expect(requests.filter((req) => req.method === 'POST')).toHaveLength(1));
    await vi.waitFor(() => expect(view.find('.not-sent').exists()).toBe(false));

    const posts = requests.filter((req) => req.method === 'POST');
    expect(posts.map((req) => req.path)).toEqual([`/api/v1/incidents/${incident.id}/acknowledge`]);
    expect(posts[0].headers.get('Idempotency-Key')).toBeTruthy();
    expect(view.findAll('.timeline li').map((li) => li.find('.headline').text())).toEqual([
      'Ada Lovelace triggered the incident as SEV-2',
      'Ada Lovelace acknowledged',
    ]);
    expect(buttonLabels(view)).not.toContain('Acknowledge');
    expect(view.find('.not-sent').exists()).toBe(false);
  });

  it('rolls back a command the server refuses with 409 and shows why and what changed', async () => {
    const incident = incidentDetail({ status: 'acknowledged' });
    const { routes } = serve(incident);
    const view = await open(incident);
    // Someone else resolved it meanwhile: the server refuses and now reports it resolved.
    routes[`POST /api/v1/incidents/${incident.id}/resolve`] = () =>
      errorResponse(409, 'conflict', 'cannot resolve incident #7: the incident is already resolved');
    routes[`GET /api/v1/incidents/${incident.id}`] = () => jsonResponse(200, { ...incident, status: 'resolved' });

    await view.findAll('button').find((button) => button.text() === 'Resolve')!.trigger('click');
    await vi.waitFor(() => expect(view.find('[role="alert"]').exists()).toBe(true));

    const alert = view.find('[role="alert"]');
    expect(alert.find('.headline').text()).toBe('Your resolution was not applied');
    expect(alert.find('.reason').text()).toBe('Cannot resolve incident #7: the incident is already resolved');
    expect(view.find('.status-badge').text()).toBe('Resolved');
    expect(view.findAll('.timeline .headline').map((node) => node.text())).not.toContain('Ada Lovelace resolved');
    expect(buttonLabels(view)).not.toContain('Resolve');

    await alert.find('button').trigger('click');
    await vi.waitFor(() => expect(view.find('[role="alert"]').exists()).toBe(false));
  });

  it('changes severity through PATCH and adds notes to the timeline', async () => {
    let incident = incidentDetail({ severity: 'SEV-3' });
    const { requests, routes } = serve(incident);
    routes[`GET /api/v1/incidents/${incident.id}`] = () => jsonResponse(200, incident);
    routes[`PATCH /api/v1/incidents/${incident.id}`] = () => {
      incident = {
        ...incident,
        severity: 'SEV-1',
        timeline: [...incident.timeline, timelineEvent('severity_changed', { from: 'SEV-3', to: 'SEV-1' })],
      };
      return jsonResponse(200, incident);
    };
    routes[`POST /api/v1/incidents/${incident.id}/notes`] = (req) => {
      const event = timelineEvent('note', req.body as Record<string, unknown>);
      incident = { ...incident, timeline: [...incident.timeline, event] };
      return jsonResponse(201, event);
    };
    const view = await open(incident);

    await view.find('select[name="severity"]').setValue('SEV-1');
    await flushPromises();
    await view.find('textarea[name="note"]').setValue('Rolled back deploy 142');
    await view.find('form.note-form').trigger('submit');
    await vi.waitFor(() => expect(requests.filter((req) => req.method !== 'GET')).toHaveLength(2));
    await vi.waitFor(() => expect(view.find('.not-sent').exists()).toBe(false));

    expect(requests.find((req) => req.method === 'PATCH')?.body).toEqual({ severity: 'SEV-1' });
    const headlines = view.findAll('.timeline .headline').map((node) => node.text());
    expect(headlines.slice(1)).toEqual(['Ada Lovelace changed severity SEV-3 → SEV-1', 'Ada Lovelace added a note']);
    expect(view.find('.timeline .body').text()).toBe('Rolled back deploy 142');
    expect((view.find('textarea[name="note"]').element as HTMLTextAreaElement).value).toBe('');
  });

  it('puts the severity back when the server refuses the change', async () => {
    const incident = incidentDetail({ severity: 'SEV-3' });
    const { routes } = serve(incident);
    routes[`PATCH /api/v1/incidents/${incident.id}`] = () =>
      errorResponse(403, 'forbidden', 'only responders and admins may do this');
    const view = await open(incident);

    await view.find('select[name="severity"]').setValue('SEV-1');
    await vi.waitFor(() => expect(view.find('[role="alert"]').exists()).toBe(true));

    expect(view.find('[role="alert"] .reason').text()).toBe('Only responders and admins may do this');
    expect((view.find('select[name="severity"]').element as HTMLSelectElement).value).toBe('SEV-3');
  });
});
