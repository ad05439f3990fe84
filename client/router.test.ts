import type { VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ada } from './testing/fixtures';
import { errorResponse, jsonResponse, stubFetch } from './testing/fetch-stub';
import { mountAppAt } from './testing/mount-app';
import { resetOfflineDb } from './testing/offline-db';

let wrapper: VueWrapper | undefined;
beforeEach(resetOfflineDb);
afterEach(() => {
  wrapper?.unmount();
  vi.unstubAllGlobals();
});

const signedOut = (setupNeeded: boolean) =>
  stubFetch({
    'GET /api/v1/me': () => errorResponse(401, 'unauthorized', 'sign in first'),
    'GET /api/v1/setup': () => jsonResponse(200, { needed: setupNeeded }),
    'GET /api/v1/incidents': () => jsonResponse(200, { items: [], nextCursor: null }),
  });

describe('router guard', () => {
  it('sends a signed-out visitor to sign-in, keeping the deep link', async () => {
    signedOut(false);
    let router;
    ({ wrapper, router } = await mountAppAt('/incidents/inc-7'));
    expect(router.currentRoute.value.name).toBe('login');
    expect(router.currentRoute.value.query.redirect).toBe('/incidents/inc-7');
    expect(wrapper.find('input[type="password"]').exists()).toBe(true);
  });

  it('sends everyone to first-run setup while Muster has no users', async () => {
    signedOut(true);
    let router;
    ({ wrapper, router } = await mountAppAt('/login'));
    expect(router.currentRoute.value.name).toBe('setup');
    expect(wrapper.text()).toContain('Create admin account');
  });

  it('signs in through the form and lands on the deep link', async () => {
    const { requests, routes } = signedOut(false);
    routes['POST /api/v1/auth/login'] = () => jsonResponse(200, { user: ada });
    routes['GET /api/v1/incidents/inc-7'] = () => errorResponse(404, 'not_found', 'incident inc-7 not found');
    let router;
    ({ wrapper, router } = await mountAppAt('/incidents/inc-7'));

    await wrapper.find('input[name="email"]').setValue('ada@example.com');
    await wrapper.find('input[name="password"]').setValue('correct horse battery');
    await wrapper.find('form').trigger('submit');
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/incidents/inc-7'));

    expect(requests.find((req) => req.path === '/api/v1/auth/login')?.body).toEqual({
      email: 'ada@example.com',
      password: 'correct horse battery',
    });
    await vi.waitFor(() => expect(wrapper!.find('[role="alert"]').text()).toBe('Incident inc-7 not found'));
  });

  it('shows a wrong password as the server words it', async () => {
    const { routes } = signedOut(false);
    routes['POST /api/v1/auth/login'] = () =>
      errorResponse(401, 'invalid_credentials', 'wrong email or password, or the account is deactivated');
    ({ wrapper } = await mountAppAt('/login'));
    await wrapper.find('input[name="email"]').setValue('ada@example.com');
    await wrapper.find('input[name="password"]').setValue('nope');
    await wrapper.find('form').trigger('submit');
    await vi.waitFor(() =>
      expect(wrapper!.find('[role="alert"]').text()).toBe('Wrong email or password, or the account is deactivated'),
    );
  });
});
