import type { VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { User } from '../../../shared/api/accounts';
import type { IncidentDetail } from '../../../shared/api/incidents';
import { ada, incidentDetail } from '../../testing/fixtures';
import { errorResponse, jsonResponse, stubFetch } from '../../testing/fetch-stub';
import { mountAppAt } from '../../testing/mount-app';
import { resetOfflineDb } from '../../testing/offline-db';

let wrapper: VueWrapper | undefined;
beforeEach(resetOfflineDb);
afterEach(() => {
  wrapper?.unmount();
  wrapper = undefined;
  vi.unstubAllGlobals();
});

const bob: User = { ...ada, id: 'u-bob', email: 'bob@example.com', name: 'Bob Noyce' };
const vic: User = { ...ada, id: 'u-vic', email: 'vic@example.com', name: 'Vic Viewer', role: 'viewer' };
const noRoles = { commander: null, communications: null, scribe: null, experts: [] };

/** A server that holds the incident and applies role and checklist commands the way the real one answers. */
function serve(start: IncidentDetail, options: { refuseRoles?: boolean } = {}) {
  let incident = start;
  const people = [ada, bob, vic];
  const ref = (id: string | null) => (id === null ? null : { id, name: people.find((p) => p.id === id)!.name });
  const stub = stubFetch({
    'GET /api/v1/me': () => jsonResponse(200, { user: ada }),
    [`GET /api/v1/incidents/${start.id}`]: () => jsonResponse(200, incident),
    'GET /api/v1/users': () => jsonResponse(200, { items: people }),
    'GET /api/v1/schedules': () => jsonResponse(200, { items: [{ id: 'sch-db', name: 'Database primary' }] }),
    [`PUT /api/v1/incidents/${start.id}/roles`]: (req) => {
      if (options.refuseRoles) return errorResponse(400, 'bad_request', 'scribe: Bob Noyce is deactivated');
      const body = req.body as Record<string, string | null>;
      const roles = { ...incident.roles };
      for (const role of ['commander', 'communications', 'scribe'] as const) if (role in body) roles[role] = ref(body[role]);
      incident = { ...incident, roles };
      return jsonResponse(200, roles);
    },
    [`POST /api/v1/incidents/${start.id}/checklist`]: (req) => {
      const { role, item, done } = req.body as { role: string; item: string; done: boolean };
      const key = `${role}:${item}`;
      incident = { ...incident, checklist: done ? [...incident.checklist, key] : incident.checklist.filter((k) => k !== key) };
      return jsonResponse(200, incident);
    },
    [`POST /api/v1/incidents/${start.id}/responders`]: () => jsonResponse(200, incident),
  });
  return stub;
}

async function open(incident: IncidentDetail) {
  ({ wrapper } = await mountAppAt(`/incidents/${incident.id}`));
  await vi.waitFor(() => expect(wrapper!.find('#command-heading').exists()).toBe(true));
  return wrapper!;
}

const button = (view: VueWrapper, text: string) => {
  const found = view.findAll('button').find((b) => b.text() === text || b.attributes('aria-label') === text);
  if (!found) throw new Error(`no button "${text}" in ${view.findAll('button').map((b) => b.text()).join(' | ')}`);
  return found;
};
const holder = (view: VueWrapper, label: string) =>
  view
    .findAll('.role')
    .find((row) => row.find('.label').text() === label)!
    .find('.who > :last-child')
    .text();
const writes = <T extends { method: string }>(requests: T[]) => requests.filter((req) => req.method !== 'GET');

describe('incident command', () => {
  it('takes command with one tap, shows it at once, and offers the commander checklist', async () => {
    const incident = incidentDetail({ roles: noRoles, checklist: [] });
    const { requests } = serve(incident);
    const view = await open(incident);
    expect(holder(view, 'Incident Commander')).toBe('Nobody yet');

    await button(view, 'Take command').trigger('click');
    await vi.waitFor(() => expect(holder(view, 'Incident Commander')).toBe('Ada Lovelace'));
    await vi.waitFor(() => expect(writes(requests)).toHaveLength(1));
    expect(writes(requests)[0]).toMatchObject({ method: 'PUT', path: `/api/v1/incidents/${incident.id}/roles`, body: { commander: ada.id } });
    expect(writes(requests)[0].headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
    await vi.waitFor(() => expect(view.findAll('button').some((b) => b.text() === 'Take command')).toBe(false));

    const sizeUp = view.find('input[name="checklist-commander-size-up"]');
    expect(view.text()).toContain('Incident Commander checklist');
    await sizeUp.setValue(true);
    await vi.waitFor(() => expect(writes(requests)).toHaveLength(2));
    expect(writes(requests)[1]).toMatchObject({ path: `/api/v1/incidents/${incident.id}/checklist`, body: { role: 'commander', item: 'size-up', done: true } });
    await vi.waitFor(() => expect(view.text()).toContain('1/5'));
  });

  it('assigns a scribe through a searchable picker that leaves out viewers', async () => {
    const incident = incidentDetail({ roles: noRoles, checklist: [] });
    const { requests } = serve(incident);
    const view = await open(incident);
    await button(view, 'Assign Scribe').trigger('click');
    await vi.waitFor(() => expect(view.find('input[name="person-search"]').exists()).toBe(true));
    expect(view.findAll('.match .name').map((n) => n.text())).toEqual(['Ada Lovelace', 'Bob Noyce']);
    await view.find('input[name="person-search"]').setValue('bob');
    await view.findAll('.match').find((m) => m.text().includes('Bob Noyce'))!.trigger('click');
    await vi.waitFor(() => expect(holder(view, 'Scribe')).toBe('Bob Noyce'));
    await vi.waitFor(() => expect(writes(requests)).toHaveLength(1));
    expect(writes(requests)[0].body).toEqual({ scribe: bob.id });
  });

  it('rolls a refused assignment back and says why', async () => {
    const incident = incidentDetail({ roles: noRoles, checklist: [] });
    serve(incident, { refuseRoles: true });
    const view = await open(incident);
    await button(view, 'Assign Scribe').trigger('click');
    await vi.waitFor(() => expect(view.findAll('.match').length).toBeGreaterThan(0));
    await view.findAll('.match').find((m) => m.text().includes('Bob Noyce'))!.trigger('click');
    await vi.waitFor(() => expect(view.text()).toContain('Bob Noyce is deactivated'));
    expect(holder(view, 'Scribe')).toBe('Nobody yet');
  });

  it('adds responders by schedule and shows them from the server answer only', async () => {
    const incident = incidentDetail({ status: 'acknowledged', roles: noRoles, checklist: [] });
    const { requests } = serve(incident);
    const view = await open(incident);
    await button(view, 'Add responders').trigger('click');
    await button(view, 'On call for a schedule').trigger('click');
    await vi.waitFor(() => expect(view.findAll('.schedule').length).toBe(1));
    await view.find('.schedule').trigger('click');
    await vi.waitFor(() => expect(writes(requests)).toHaveLength(1));
    expect(writes(requests)[0]).toMatchObject({ path: `/api/v1/incidents/${incident.id}/responders`, body: { scheduleId: 'sch-db' } });
    expect(view.text()).toContain('Paging whoever is on call for Database primary now');
  });
});
