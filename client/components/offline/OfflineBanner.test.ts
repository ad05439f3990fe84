import type { VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IncidentDetail } from '../../../shared/api/incidents';
import { ada, incidentDetail, timelineEvent } from '../../testing/fixtures';
import { errorResponse, jsonResponse, stubFetch, type RecordedRequest } from '../../testing/fetch-stub';
import { mountAppAt } from '../../testing/mount-app';
import { resetOfflineDb } from '../../testing/offline-db';

let wrapper: VueWrapper | undefined;
beforeEach(resetOfflineDb);
afterEach(() => {
  wrapper?.unmount();
  vi.unstubAllGlobals();
});

/** A small Muster: the incident changes as commands arrive, and `fail` can answer instead. */
function server(start: IncidentDetail, fail?: (req: RecordedRequest) => Response | undefined) {
  let incident = start;
  const append = (type: 'acknowledged' | 'note', data: Record<string, unknown>) => {
    const event = timelineEvent(type, data);
    incident = { ...incident, timeline: [...incident.timeline, event] };
    return event;
  };
  const stub = stubFetch({
    'GET /api/v1/me': () => jsonResponse(200, { user: ada }),
    [`GET /api/v1/incidents/${start.id}`]: () => jsonResponse(200, incident),
    [`POST /api/v1/incidents/${start.id}/acknowledge`]: (req) => {
      const failure = fail?.(req);
      if (failure) return failure;
      append('acknowledged', { from: incident.status });
      incident = { ...incident, status: 'acknowledged' };
      return jsonResponse(200, incident);
    },
    [`POST /api/v1/incidents/${start.id}/notes`]: (req) => jsonResponse(201, append('note', req.body as Record<string, unknown>)),
  });
  return { ...stub, current: () => incident };
}

function goOffline() {
  vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
  window.dispatchEvent(new Event('offline'));
}

async function openIncident(incident: IncidentDetail) {
  ({ wrapper } = await mountAppAt(`/incidents/${incident.id}`));
  await vi.waitFor(() => expect(wrapper!.find('h1').text()).toBe(incident.title));
  return wrapper;
}

const banner = () => wrapper!.find('.offline-banner');
const button = (label: string) => wrapper!.findAll('button').find((node) => node.text() === label)!;
const headlines = () => wrapper!.findAll('.timeline .headline').map((node) => node.text());
const mutations = (requests: RecordedRequest[]) => requests.filter((req) => req.method !== 'GET').map((req) => `${req.method} ${req.path}`);

describe('offline banner and command outbox', () => {
  it('opens offline from the device copy and says when it last synced', async () => {
    const incident = incidentDetail();
    server(incident);
    await openIncident(incident);
    expect(banner().exists()).toBe(false);
    wrapper!.unmount();

    goOffline();
    await openIncident(incident);
    await vi.waitFor(() => expect(banner().find('.headline').text()).toMatch(/^Offline · last synced \d\d:\d\d/));
    expect(headlines()).toEqual(['Ada Lovelace triggered the incident as SEV-2']);
    expect(wrapper!.find('[role="alert"]').exists()).toBe(false);
  });

  it('applies acknowledge and a note at once offline, then sends them in order when the network returns', async () => {
    const incident = incidentDetail();
    server(incident);
    await openIncident(incident);

    goOffline();
    await button('Acknowledge').trigger('click');
    await wrapper!.find('textarea[name="note"]').setValue('Failing over to eu-west-2');
    await wrapper!.find('form.note-form').trigger('submit');

    await vi.waitFor(() => expect(banner().text()).toContain('2 changes waiting'));
    expect(banner().find('.headline').text()).toMatch(/^Offline · last synced/);
    expect(wrapper!.find('.status-badge').text()).toBe('Acknowledged');
    expect(headlines()).toEqual(['Ada Lovelace triggered the incident as SEV-2', 'Ada Lovelace acknowledged', 'Ada Lovelace added a note']);
    expect(wrapper!.find('.not-sent').text()).toBe('Not sent yet: acknowledge, note');

    const online = server(incident);
    window.dispatchEvent(new Event('online'));

    await vi.waitFor(() => expect(wrapper!.find('.not-sent').exists()).toBe(false));
    expect(banner().exists()).toBe(false);
    expect(mutations(online.requests)).toEqual([`POST /api/v1/incidents/${incident.id}/acknowledge`, `POST /api/v1/incidents/${incident.id}/notes`]);
    expect(online.current().timeline.map((event) => event.type)).toEqual(['triggered', 'acknowledged', 'note']);
    expect(headlines()).toHaveLength(3);
  });

  it('keeps a change the server could not take (503) and sends it once with the same key when asked again', async () => {
    const incident = incidentDetail();
    let unavailable = true;
    const { requests, current } = server(incident, () => (unavailable ? errorResponse(503, 'unavailable', 'restarting') : undefined));
    await openIncident(incident);

    await button('Acknowledge').trigger('click');
    await vi.waitFor(() => expect(banner().text()).toContain('not taking changes right now (503)'));
    expect(banner().find('.headline').text()).toBe('1 change waiting');
    expect(wrapper!.find('.status-badge').text()).toBe('Acknowledged');

    unavailable = false;
    await button('Send now').trigger('click');
    await vi.waitFor(() => expect(wrapper!.find('.not-sent').exists()).toBe(false));
    expect(banner().exists()).toBe(false);

    const acks = requests.filter((req) => req.path.endsWith('/acknowledge'));
    expect(acks).toHaveLength(2);
    expect(acks[1].headers.get('Idempotency-Key')).toBe(acks[0].headers.get('Idempotency-Key'));
    expect(current().timeline.filter((event) => event.type === 'acknowledged')).toHaveLength(1);
  });

  it('rolls back an acknowledge the server refuses and shows its reason', async () => {
    const incident = incidentDetail();
    const { routes } = server(incident, () =>
      errorResponse(409, 'conflict', 'cannot acknowledge incident #7: the incident is already resolved'),
    );
    await openIncident(incident);
    routes[`GET /api/v1/incidents/${incident.id}`] = () => jsonResponse(200, { ...incident, status: 'resolved' });

    await button('Acknowledge').trigger('click');

    await vi.waitFor(() => expect(wrapper!.find('[role="alert"]').exists()).toBe(true));
    expect(wrapper!.find('[role="alert"]').text()).toContain('Your acknowledgement was not applied');
    expect(wrapper!.find('[role="alert"]').text()).toContain('Cannot acknowledge incident #7: the incident is already resolved');
    expect(wrapper!.find('.status-badge').text()).toBe('Resolved');
    expect(headlines()).toEqual(['Ada Lovelace triggered the incident as SEV-2']);
  });

  it('keeps changes when the session expired and offers to sign in again', async () => {
    const incident = incidentDetail();
    server(incident, () => errorResponse(401, 'unauthorized', 'sign in first'));
    await openIncident(incident);

    await button('Acknowledge').trigger('click');

    await vi.waitFor(() => expect(banner().text()).toContain('Your session expired.'));
    expect(banner().find('.headline').text()).toBe('1 change waiting');
    expect(banner().find('a').attributes('href')).toBe(`/login?redirect=/incidents/${incident.id}`);
  });
});
