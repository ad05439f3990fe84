import type { VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SignInLinkInfo, User } from '../../shared/api/accounts';
import { useSessionStore } from '../stores/session';
import { errorResponse, jsonResponse, stubFetch } from '../testing/fetch-stub';
import { fakePushBrowser, removeFakePush, vapidKey } from '../testing/fake-push';
import { mountAppAt } from '../testing/mount-app';
import { resetOfflineDb } from '../testing/offline-db';

let wrapper: VueWrapper | undefined;
beforeEach(resetOfflineDb);
afterEach(() => {
  wrapper?.unmount();
  wrapper = undefined;
  vi.unstubAllGlobals();
  removeFakePush();
});

const dana: User = {
  id: 'u-dana',
  email: 'dana@example.com',
  name: 'Dana Scully',
  role: 'responder',
  active: true,
  timeZone: null,
  hasPassword: true,
  createdAt: '2026-03-01T00:00:00.000Z',
};
const ada: User = { ...dana, id: 'u-ada', email: 'ada@example.com', name: 'Ada Lovelace', role: 'admin' };
const invite: SignInLinkInfo = { email: dana.email, name: dana.name, purpose: 'invite', expiresAt: new Date(Date.now() + 6 * 86_400_000).toISOString() };
const link = '/api/v1/auth/sign-in-links/tok-dana';

/** `signedIn` is whoever the session cookie belongs to; redeeming the link moves it to Dana. */
function serve(info: SignInLinkInfo = invite, signedIn: User | null = null) {
  let current = signedIn;
  return stubFetch({
    'GET /api/v1/me': () => (current ? jsonResponse(200, { user: current }) : errorResponse(401, 'unauthorized', 'sign in first')),
    'GET /api/v1/setup': () => jsonResponse(200, { needed: false }),
    [`GET ${link}`]: () => jsonResponse(200, info),
    [`POST ${link}`]: () => {
      current = dana;
      return jsonResponse(200, { user: dana });
    },
    'GET /api/v1/incidents': () => jsonResponse(200, { items: [], nextCursor: null }),
  });
}

async function choosePassword(view: VueWrapper, password: string, again = password) {
  await view.find('input[name="password"]').setValue(password);
  await view.find('input[name="confirmation"]').setValue(again);
  await view.find('form').trigger('submit');
}

describe('sign-in link', () => {
  it('welcomes the invited person, who chooses a password and lands on the incidents signed in', async () => {
    const { requests } = serve();
    let router;
    ({ wrapper, router } = await mountAppAt('/welcome/tok-dana'));
    await vi.waitFor(() => expect(wrapper!.find('h1').text()).toBe('Welcome, Dana Scully'));
    expect(wrapper.find('.for').text()).toBe('Choose a password for dana@example.com');

    await choosePassword(wrapper, 'correct horse battery', 'correct horse batery');
    expect(wrapper.find('[role="alert"]').text()).toBe('The two passwords differ: type the same one twice');
    expect(requests.some((req) => req.method === 'POST')).toBe(false);

    await choosePassword(wrapper, 'correct horse battery');
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('incidents'));
    expect(requests.filter((req) => req.method === 'POST').map((req) => [req.path, req.body])).toEqual([[link, { password: 'correct horse battery' }]]);
    expect(useSessionStore().me?.id).toBe('u-dana');
  });

  it('signs in as the link’s person when someone else was signed in on this device, ending their push subscription here', async () => {
    const { routes } = serve({ ...invite, purpose: 'reset' }, ada);
    routes['GET /api/v1/push/vapid-public-key'] = () => jsonResponse(200, { publicKey: vapidKey(1) });
    const push = fakePushBrowser({ permission: 'granted', subscribedWith: vapidKey(1) });
    let router;
    ({ wrapper, router } = await mountAppAt('/'));
    expect(useSessionStore().me?.id).toBe('u-ada');
    await router.push('/welcome/tok-dana');
    await vi.waitFor(() => expect(wrapper!.find('h1').text()).toBe('Reset your password'));
    expect(wrapper.find('.for').text()).toBe('Choose a new password for dana@example.com');

    await choosePassword(wrapper, 'correct horse battery');
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('incidents'));
    expect(useSessionStore().me?.id).toBe('u-dana');
    expect(wrapper.find('.who').text()).toBe('Dana Scully');
    // Ada's pages must not ring the phone Dana now holds.
    expect(push.state.subscription).toBeNull();
  });

  it('says why a used or expired link no longer works, and leads to sign-in', async () => {
    const { routes, requests } = serve();
    routes[`GET ${link}`] = () => errorResponse(404, 'not_found', 'this sign-in link has expired: ask an admin for a new one');
    ({ wrapper } = await mountAppAt('/welcome/tok-dana'));
    await vi.waitFor(() => expect(wrapper!.find('[role="alert"]').exists()).toBe(true));
    expect(wrapper.find('[role="alert"]').text()).toBe('This sign-in link has expired: ask an admin for a new one');
    expect(wrapper.find('form').exists()).toBe(false);
    expect(wrapper.find('a[href="/login"]').text()).toBe('Sign in');
    expect(requests.some((req) => req.method === 'POST')).toBe(false);
  });
});
