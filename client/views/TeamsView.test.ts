import type { VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Team, User } from '../../shared/api/accounts';
import { jsonResponse, stubFetch, type RecordedRequest } from '../testing/fetch-stub';
import { mountAppAt } from '../testing/mount-app';
import { resetOfflineDb } from '../testing/offline-db';

let wrapper: VueWrapper | undefined;
beforeEach(resetOfflineDb);
afterEach(() => {
  wrapper?.unmount();
  wrapper = undefined;
  vi.unstubAllGlobals();
});

const person = (id: string, name: string, overrides: Partial<User> = {}): User => ({
  id,
  email: `${id.slice(2)}@example.com`,
  name,
  role: 'responder',
  active: true,
  timeZone: null,
  hasPassword: true,
  createdAt: '2026-03-01T00:00:00.000Z',
  ...overrides,
});
const ada = person('u-ada', 'Ada Lovelace', { role: 'admin' });
const grace = person('u-grace', 'Grace Hopper');
const rene = person('u-rene', 'René Dubois');
const gone = person('u-gone', 'Gone Away', { active: false });
const member = ({ id, name, email }: User) => ({ id, name, email });
const platform: Team = { id: 't-platform', name: 'Platform', description: 'Clusters and databases', createdAt: '2026-03-01T00:00:00Z', members: [member(ada)] };

function serve(me: User = ada) {
  let team = platform;
  return stubFetch({
    'GET /api/v1/me': () => jsonResponse(200, { user: me }),
    'GET /api/v1/teams': () => jsonResponse(200, { items: [team] }),
    'GET /api/v1/users': () => jsonResponse(200, { items: [ada, grace, rene, gone] }),
    'POST /api/v1/teams': (req) => jsonResponse(201, { id: 't-new', description: null, createdAt: '2026-03-02T00:00:00Z', members: [], ...(req.body as object) }),
    'PATCH /api/v1/teams/t-platform': (req) => jsonResponse(200, (team = { ...team, ...(req.body as Partial<Team>) })),
    'POST /api/v1/teams/t-platform/members': (req) => {
      const added = [ada, grace, rene].find((p) => p.id === (req.body as { userId: string }).userId)!;
      return jsonResponse(200, (team = { ...team, members: [...team.members, member(added)] }));
    },
    'DELETE /api/v1/teams/t-platform/members/u-ada': () => new Response(null, { status: 204 }),
  });
}

async function openTeams(me: User = ada) {
  const { requests } = serve(me);
  ({ wrapper } = await mountAppAt('/teams'));
  await vi.waitFor(() => expect(wrapper!.find('[data-team]').exists()).toBe(true));
  return { view: wrapper!, requests };
}

const writes = (requests: RecordedRequest[]) => requests.filter((req) => req.method !== 'GET').map((req) => [req.method, req.path, req.body]);
const button = (view: VueWrapper, text: string) => view.findAll('button').find((b) => b.text() === text || b.attributes('aria-label') === text)!;
const memberNames = (view: VueWrapper) => view.findAll('[data-team="t-platform"] .member .name').map((node) => node.text());

describe('teams screen', () => {
  it('shows teams and their members, read-only for non-admins', async () => {
    const { view, requests } = await openTeams(grace);
    expect(view.find('[data-team] h2').text()).toBe('Platform');
    expect(view.find('[data-team]').text()).toContain('Clusters and databases');
    expect(memberNames(view)).toEqual(['Ada Lovelace']);
    expect(view.findAll('button')).toHaveLength(0);
    expect(view.find('form').exists()).toBe(false);
    expect(requests.some((req) => req.path === '/api/v1/users')).toBe(false);
  });

  it('creates a team', async () => {
    const { view, requests } = await openTeams();
    await view.find('input[name="team-name"]').setValue('Payments');
    await view.find('textarea[name="team-description"]').setValue('  ');
    await view.find('form[aria-label="New team"]').trigger('submit');
    await vi.waitFor(() => expect(view.findAll('[data-team]')).toHaveLength(2));
    expect(writes(requests)).toEqual([['POST', '/api/v1/teams', { name: 'Payments' }]]);
    expect(view.findAll('[data-team] h2').map((h) => h.text())).toEqual(['Payments', 'Platform']);
  });

  it('renames a team in place', async () => {
    const { view, requests } = await openTeams();
    await button(view, 'Rename Platform').trigger('click');
    await view.find('[data-team] input[name="name"]').setValue('Platform & Infra');
    await view.find('[data-team] textarea[name="description"]').setValue('');
    await view.find('form[aria-label="Rename Platform"]').trigger('submit');
    await vi.waitFor(() => expect(view.find('[data-team] h2').text()).toBe('Platform & Infra'));
    expect(writes(requests)).toEqual([['PATCH', '/api/v1/teams/t-platform', { name: 'Platform & Infra', description: null }]]);
    expect(view.find('[data-team]').text()).not.toContain('Clusters and databases');
  });

  it('adds a member found by searching, and removes one', async () => {
    const { view, requests } = await openTeams();
    const details = view.find('[data-team] details');
    (details.element as HTMLDetailsElement).open = true;
    await details.trigger('toggle');
    // Members already in the team and deactivated people are not offered.
    expect(details.findAll('.match .name').map((n) => n.text())).toEqual(['Grace Hopper', 'René Dubois']);
    await details.find('input[type="search"]').setValue('rene');
    expect(details.findAll('.match .name').map((n) => n.text())).toEqual(['René Dubois']);
    await details.find('.match').trigger('click');
    await vi.waitFor(() => expect(memberNames(view)).toEqual(['Ada Lovelace', 'René Dubois']));

    await button(view, 'Remove Ada Lovelace from Platform').trigger('click');
    await vi.waitFor(() => expect(memberNames(view)).toEqual(['René Dubois']));
    expect(writes(requests)).toEqual([
      ['POST', '/api/v1/teams/t-platform/members', { userId: 'u-rene' }],
      ['DELETE', '/api/v1/teams/t-platform/members/u-ada', undefined],
    ]);
  });
});
