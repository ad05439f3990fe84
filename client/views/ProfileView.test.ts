import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiToken, User } from '../../shared/api/accounts';
import { useSessionStore } from '../stores/session';
import { errorResponse, jsonResponse, stubFetch, type RecordedRequest } from '../testing/fetch-stub';
import { mountAppAt } from '../testing/mount-app';
import { resetOfflineDb } from '../testing/offline-db';

let wrapper: VueWrapper | undefined;
beforeEach(resetOfflineDb);
afterEach(() => {
  wrapper?.unmount();
  wrapper = undefined;
  vi.unstubAllGlobals();
});

const grace: User = {
  id: 'u-grace',
  email: 'grace@example.com',
  name: 'Grace Hopper',
  role: 'responder',
  active: true,
  timeZone: 'America/New_York',
  hasPassword: true,
  createdAt: '2026-03-01T00:00:00.000Z',
};
const deployToken: ApiToken = { id: 'tok-1', name: 'Deploy script', createdAt: new Date(Date.now() - 3 * 86_400_000).toISOString(), lastUsedAt: null };
const secret = 'mst_6b1f0d9c2a7e4c3b8f5a1d2e9c7b4a60';

function serve() {
  return stubFetch({
    'GET /api/v1/me': () => jsonResponse(200, { user: grace }),
    'PATCH /api/v1/me': (req) => jsonResponse(200, { ...grace, ...(req.body as Partial<User>) }),
    'POST /api/v1/me/password': (req) =>
      (req.body as { currentPassword: string }).currentPassword === 'right password'
        ? new Response(null, { status: 204 })
        : errorResponse(400, 'invalid_request', 'the current password is not right'),
    'GET /api/v1/me/tokens': () => jsonResponse(200, { items: [deployToken] }),
    'POST /api/v1/me/tokens': (req) =>
      jsonResponse(201, { id: 'tok-2', name: (req.body as { name: string }).name, createdAt: new Date().toISOString(), lastUsedAt: null, token: secret }),
    'DELETE /api/v1/me/tokens/tok-1': () => new Response(null, { status: 204 }),
  });
}

async function openProfile() {
  const { requests } = serve();
  let router;
  ({ wrapper, router } = await mountAppAt('/profile'));
  await vi.waitFor(() => expect(wrapper!.find('[data-token]').exists()).toBe(true));
  return { view: wrapper!, requests, router: router! };
}

const writes = (requests: RecordedRequest[]) => requests.filter((req) => req.method !== 'GET').map((req) => [req.method, req.path, req.body]);
const button = (view: VueWrapper, text: string) => view.findAll('button').find((b) => b.text() === text)!;

describe('my profile', () => {
  it('saves name and time zone, and the app shows the new name', async () => {
    const { view, requests } = await openProfile();
    const zone = view.find('select[name="timeZone"]');
    expect((zone.element as HTMLSelectElement).value).toBe('America/New_York');
    expect(view.text()).toContain('Shift times are shown in this zone');

    await view.find('input[name="name"]').setValue('Grace B. Hopper');
    await zone.setValue('Europe/Berlin');
    await view.find('form[aria-label="About me"]').trigger('submit');
    await vi.waitFor(() => expect(button(view, 'Saved')).toBeDefined());
    expect(writes(requests)).toEqual([['PATCH', '/api/v1/me', { name: 'Grace B. Hopper', timeZone: 'Europe/Berlin' }]]);
    expect(useSessionStore().me).toMatchObject({ name: 'Grace B. Hopper', timeZone: 'Europe/Berlin' });
    expect(view.find('.who').text()).toBe('Grace B. Hopper');

    await zone.setValue('');
    await view.find('form[aria-label="About me"]').trigger('submit');
    await vi.waitFor(() => expect(writes(requests)).toHaveLength(2));
    expect(writes(requests)[1][2]).toEqual({ name: 'Grace B. Hopper', timeZone: null });
  });

  it('changes the password with the current one, and says why it was refused', async () => {
    const { view, requests } = await openProfile();
    expect(view.text()).toContain('Signs you out on your other devices');
    const form = view.find('form[aria-label="Change password"]');
    await form.find('input[name="currentPassword"]').setValue('wrong password');
    await form.find('input[name="newPassword"]').setValue('correct horse battery');
    await form.find('input[name="confirmation"]').setValue('correct horse batery');
    await form.trigger('submit');
    expect(form.find('[role="alert"]').text()).toBe('The two new passwords differ: type the same one twice');
    expect(writes(requests)).toEqual([]);

    await form.find('input[name="confirmation"]').setValue('correct horse battery');
    await form.trigger('submit');
    await vi.waitFor(() => expect(form.find('[role="alert"]').text()).toBe('The current password is not right'));

    await form.find('input[name="currentPassword"]').setValue('right password');
    await form.trigger('submit');
    await vi.waitFor(() => expect(form.find('[role="status"]').exists()).toBe(true));
    expect(form.find('[role="status"]').text()).toBe('Password changed. Your other devices are signed out.');
    expect(writes(requests).map(([, , body]) => body)).toEqual([
      { currentPassword: 'wrong password', newPassword: 'correct horse battery' },
      { currentPassword: 'right password', newPassword: 'correct horse battery' },
    ]);
    expect((form.find('input[name="newPassword"]').element as HTMLInputElement).value).toBe('');
  });

  it('shows a new API token once, and revokes tokens after a second tap', async () => {
    const { view, requests, router } = await openProfile();
    expect(view.find('[data-token="tok-1"]').text()).toContain('Deploy script');
    expect(view.find('[data-token="tok-1"]').text()).toContain('never used');

    await view.find('input[name="tokenName"]').setValue('Grafana');
    await view.find('form[aria-label="New API token"]').trigger('submit');
    await vi.waitFor(() => expect(view.find('.new-token').exists()).toBe(true));
    expect(view.find('.new-token code').text()).toBe(secret);
    expect(view.find('.new-token .shown-once').text()).toBe('Copy “Grafana” now: it will not be shown again.');
    expect(view.findAll('[data-token] .name').map((n) => n.text())).toEqual(['Grafana', 'Deploy script']);

    await view.find('[aria-label="Revoke Deploy script"]').trigger('click');
    expect(writes(requests)).toHaveLength(1);
    await button(view, 'Revoke token').trigger('click');
    await vi.waitFor(() => expect(view.find('[data-token="tok-1"]').exists()).toBe(false));
    expect(writes(requests)).toEqual([
      ['POST', '/api/v1/me/tokens', { name: 'Grafana' }],
      ['DELETE', '/api/v1/me/tokens/tok-1', undefined],
    ]);

    await router.push('/');
    await flushPromises();
    await router.push('/profile');
    await vi.waitFor(() => expect(view.find('[data-token]').exists()).toBe(true));
    expect(view.find('.new-token').exists()).toBe(false);
    expect(view.text()).not.toContain(secret);
  });

  it('leads to devices and notification rules', async () => {
    const { view } = await openProfile();
    const link = view.findAll('a[href="/settings"]').find((a) => a.text() === 'Devices, contact methods and notification rules');
    expect(link).toBeDefined();
  });
});
