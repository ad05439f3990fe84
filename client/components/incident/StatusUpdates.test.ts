import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IncidentDetail } from '../../../shared/api/incidents';
import { ada, incidentDetail, timelineEvent } from '../../testing/fixtures';
import { jsonResponse, stubFetch } from '../../testing/fetch-stub';
import { mountAppAt } from '../../testing/mount-app';
import { resetOfflineDb } from '../../testing/offline-db';

let wrapper: VueWrapper | undefined;
beforeEach(resetOfflineDb);
afterEach(() => {
  wrapper?.unmount();
  vi.unstubAllGlobals();
});

function serve(start: IncidentDetail) {
  let incident = start;
  const stub = stubFetch({
    'GET /api/v1/me': () => jsonResponse(200, { user: ada }),
    [`GET /api/v1/incidents/${start.id}`]: () => jsonResponse(200, incident),
    [`POST /api/v1/incidents/${start.id}/status-updates`]: (req) => {
      const event = timelineEvent('status_update', req.body as Record<string, unknown>);
      incident = { ...incident, timeline: [...incident.timeline, event], lastStatusUpdateAt: event.at, nextUpdateDueAt: new Date(Date.now() + 30 * 60_000).toISOString() };
      return jsonResponse(201, event);
    },
    [`POST /api/v1/incidents/${start.id}/follow`]: () => {
      incident = { ...incident, following: true, followers: [{ id: ada.id, name: ada.name, viaService: false }] };
      return jsonResponse(200, incident);
    },
    [`PATCH /api/v1/incidents/${start.id}`]: (req) => {
      incident = { ...incident, updateCadenceMinutes: (req.body as { updateCadenceMinutes: number }).updateCadenceMinutes };
      return jsonResponse(200, incident);
    },
  });
  return stub;
}

async function open(incident: IncidentDetail) {
  ({ wrapper } = await mountAppAt(`/incidents/${incident.id}`));
  await vi.waitFor(() => expect(wrapper!.find('#updates-heading').exists()).toBe(true));
  return wrapper;
}

const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000 + 30_000).toISOString();

describe('status updates on the incident screen', () => {
  it('says when the next update is due, and turns red once overdue', async () => {
    serve(incidentDetail({ severity: 'SEV-1', updateCadenceMinutes: 30, nextUpdateDueAt: inMinutes(12) }));
    let view = await open(incidentDetail());
    await vi.waitFor(() => expect(view.find('[data-testid="update-due"]').text()).toBe('Next update due in 13 min · every 30 min'));
    expect(view.find('[data-testid="update-due"]').classes()).not.toContain('overdue');
    view.unmount();

    serve(incidentDetail({ severity: 'SEV-1', updateCadenceMinutes: 30, nextUpdateDueAt: new Date(Date.now() - 5 * 60_000 - 1000).toISOString() }));
    view = await open(incidentDetail());
    await vi.waitFor(() => expect(view.find('[data-testid="update-due"]').text()).toBe('Update overdue by 5 min · every 30 min'));
    expect(view.find('[data-testid="update-due"]').classes()).toContain('overdue');
  });

  it('posts an update with the chosen audience, once, and lists it', async () => {
    const { requests } = serve(incidentDetail({ severity: 'SEV-1', updateCadenceMinutes: 30 }));
    const view = await open(incidentDetail());
    await view.find('input[value="internal"]').setValue(true);
    await view.find('textarea[name="status-update"]').setValue('Rolled back deploy 142; errors falling.');
    await view.find('#updates-heading').element.closest('section')!.querySelector('form')!.dispatchEvent(new Event('submit'));
    await vi.waitFor(() => expect(requests.filter((req) => req.method === 'POST')).toHaveLength(1));
    const post = requests.find((req) => req.method === 'POST')!;
    expect(post.path).toBe('/api/v1/incidents/inc-7/status-updates');
    expect(post.body).toEqual({ text: 'Rolled back deploy 142; errors falling.', audience: 'internal' });
    expect(post.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
    await flushPromises();
    await vi.waitFor(() => expect(view.find('.update-list').text()).toContain('Rolled back deploy 142; errors falling.'));
    expect(view.find('.update-list .audience').text()).toBe('Internal');
    expect((view.find('textarea[name="status-update"]').element as HTMLTextAreaElement).value).toBe('');
  });

  it('follows the incident and sets the cadence', async () => {
    const { requests } = serve(incidentDetail({ severity: 'SEV-2', updateCadenceMinutes: 60 }));
    const view = await open(incidentDetail());
    const follow = view.findAll('button').find((button) => button.text() === 'Follow updates')!;
    await follow.trigger('click');
    await vi.waitFor(() => expect(view.findAll('button').some((button) => button.text() === 'Unfollow updates')).toBe(true));
    await view.find('select[name="cadence"]').setValue('15');
    await vi.waitFor(() => expect(requests.filter((req) => req.method === 'PATCH')).toHaveLength(1));
    expect(requests.find((req) => req.method === 'PATCH')!.body).toEqual({ updateCadenceMinutes: 15 });
    expect(requests.find((req) => req.path.endsWith('/follow'))!.body).toEqual({ viaContactMethods: false });
  });
});
