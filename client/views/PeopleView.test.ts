import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import type { SignInLink, User } from '../../shared/api/accounts';
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

const person = (overrides: Partial<User>): User => ({
  id: 'u-ada',
  email: 'ada@example.com',
  name: 'Ada Lovelace',
  role: 'admin',
  active: true,
  timeZone: null,
  hasPassword: true,
  createdAt: '2026-03-01T00:00:00.000Z',
  ...overrides,
});
const ada = person({});
const grace = person({ id: 'u-grace', email: 'grace@example.com', name: 'Grace Hopper', role: 'responder' });
const old = person({ id: 'u-old', email: 'old@example.com', name: 'Old Timer', role: 'viewer', active: false });
const invited = person({ id: 'u-ivy', email: 'ivy@example.com', name: 'Ivy Invited', role: 'responder', hasPassword: false });
const inAWeek = new Date(Date.now() + 7 * 86_400_000).toISOString();
const link = (purpose: SignInLink['purpose'], token: string): SignInLink => ({ url: `https://muster.example.com/welcome/${token}`, purpose, expiresAt: inAWeek });

function serve(me: User = ada) {
  return stubFetch({
    'GET /api/v1/me': () => jsonResponse(200, { user: me }),
    'GET /api/v1/users': () => jsonResponse(200, { items: [old, grace, ada, invited] }),
    'POST /api/v1/users': (req) => {
      const body = req.body as Pick<User, 'name' | 'email' | 'role'>;
      return jsonResponse(201, { ...person({ ...body, id: 'u-dana', hasPassword: false }), signInLink: link('invite', 'tok-dana') });
    },
    'PATCH /api/v1/users/u-grace': (req) => jsonResponse(200, { ...grace, ...(req.body as Partial<User>) }),
    'PATCH /api/v1/users/u-ada': () => errorResponse(409, 'conflict', 'you cannot demote yourself: ask another admin'),
    'POST /api/v1/users/u-grace/sign-in-link': () => jsonResponse(201, link('reset', 'tok-grace')),
  });
}

async function openPeople(me: User = ada) {
  const { requests } = serve(me);
  let router;
  ({ wrapper, router } = await mountAppAt('/people'));
  await vi.waitFor(() => expect(wrapper!.findAll('[data-person]')).toHaveLength(4));
  return { view: wrapper!, requests, router: router! };
}

const writes = (requests: RecordedRequest[]) => requests.filter((req) => req.method !== 'GET');
const inCard = (view: VueWrapper, id: string) => view.find(`[data-person="${id}"]`);
const buttonIn = (view: VueWrapper, id: string, text: string) => inCard(view, id).findAll('button').find((b) => b.text() === text)!;

describe('people screen', () => {
  it('lists everyone by name with role and status, read-only for non-admins', async () => {
    const { view } = await openPeople(grace);
    const cards = view.findAll('[data-person]');
    expect(cards.map((card) => card.find('.name').text())).toEqual(['Ada Lovelace', 'Grace Hopper', 'Ivy Invited', 'Old Timer']);
    expect(inCard(view, 'u-ivy').text()).toContain('Invited — no password yet');
    expect(inCard(view, 'u-old').text()).toContain('Viewer');
    expect(inCard(view, 'u-old').find('[data-status="deactivated"]').text()).toBe('Deactivated');
    expect(view.find('form').exists()).toBe(false);
    expect(view.find('details').exists()).toBe(false);
    expect(view.findAll('select')).toHaveLength(0);
  });

  it('adds a person without a password and shows their sign-in link once', async () => {
    const { view, requests, router } = await openPeople();
    await view.find('input[name="name"]').setValue('Dana Scully');
    await view.find('input[name="email"]').setValue('dana@example.com');
    await view.find('form[aria-label="Add person"] select').setValue('viewer');
    await view.find('form[aria-label="Add person"]').trigger('submit');
    await vi.waitFor(() => expect(view.find('.sign-in-link').exists()).toBe(true));

    expect(writes(requests).map((req) => [req.method, req.path, req.body])).toEqual([
      ['POST', '/api/v1/users', { name: 'Dana Scully', email: 'dana@example.com', role: 'viewer' }],
    ]);
    expect(view.find('.sign-in-link h2').text()).toBe('Sign-in link for Dana Scully');
    expect(view.find('.sign-in-link .shown-once').text()).toMatch(
      /^Share this link with Dana Scully: it signs them in once to choose a password, until .+\. It will not be shown again\.$/,
    );
    expect(view.find('.sign-in-link code').text()).toBe('https://muster.example.com/welcome/tok-dana');
    expect(view.find('.sign-in-link').findAll('button').map((b) => b.text())).toContain('Copy');
    expect(inCard(view, 'u-dana').text()).toContain('Invited — no password yet');
    expect((view.find('input[name="name"]').element as HTMLInputElement).value).toBe('');

    await router.push('/');
    await flushPromises();
    await router.push('/people');
    await vi.waitFor(() => expect(view.findAll('[data-person]')).toHaveLength(4));
    expect(view.find('.sign-in-link').exists()).toBe(false);
    expect(view.text()).not.toContain('tok-dana');
  });

  it('offers the share sheet where the device has one', async () => {
    const share = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'share', { configurable: true, value: share });
    onTestFinished(() => {
      Reflect.deleteProperty(navigator, 'share');
    });
    const { view } = await openPeople();
    await buttonIn(view, 'u-grace', 'Password reset link').trigger('click');
    await vi.waitFor(() => expect(view.find('.sign-in-link').exists()).toBe(true));
    await view.findAll('.sign-in-link button').find((b) => b.text() === 'Share…')!.trigger('click');
    expect(share).toHaveBeenCalledWith(expect.objectContaining({ url: 'https://muster.example.com/welcome/tok-grace' }));
  });

  it('changes a role at once, and shows why the server refused', async () => {
    const { view, requests } = await openPeople();
    await inCard(view, 'u-grace').find('select').setValue('admin');
    await vi.waitFor(() => expect(inCard(view, 'u-grace').find('.role').text()).toBe('Admin'));
    expect(writes(requests).map((req) => [req.method, req.path, req.body])).toEqual([['PATCH', '/api/v1/users/u-grace', { role: 'admin' }]]);

    const mine = inCard(view, 'u-ada').find('select');
    await mine.setValue('viewer');
    await vi.waitFor(() => expect(inCard(view, 'u-ada').find('[role="alert"]').exists()).toBe(true));
    expect(inCard(view, 'u-ada').find('[role="alert"]').text()).toBe('You cannot demote yourself: ask another admin');
    expect((mine.element as HTMLSelectElement).value).toBe('admin');
  });

  it('deactivates only after a second tap, then offers to reactivate', async () => {
    const { view, requests } = await openPeople();
    await buttonIn(view, 'u-grace', 'Deactivate').trigger('click');
    expect(writes(requests)).toEqual([]);
    expect(inCard(view, 'u-grace').text()).toContain('Grace Hopper can no longer sign in and is no longer paged');
    await buttonIn(view, 'u-grace', 'Deactivate Grace Hopper').trigger('click');
    await vi.waitFor(() => expect(inCard(view, 'u-grace').find('[data-status]').text()).toBe('Deactivated'));
    expect(writes(requests).map((req) => req.body)).toEqual([{ active: false }]);

    await buttonIn(view, 'u-grace', 'Reactivate').trigger('click');
    await vi.waitFor(() => expect(inCard(view, 'u-grace').find('[data-status]').text()).toBe('Active'));
    expect(writes(requests).map((req) => req.body)).toEqual([{ active: false }, { active: true }]);
  });

  it('issues a password reset link for someone with a password', async () => {
    const { view, requests } = await openPeople();
    expect(inCard(view, 'u-ivy').findAll('button').map((b) => b.text())).toContain('Send a new invitation link');
    await buttonIn(view, 'u-grace', 'Password reset link').trigger('click');
    await vi.waitFor(() => expect(view.find('.sign-in-link').exists()).toBe(true));
    expect(writes(requests).map((req) => `${req.method} ${req.path}`)).toEqual(['POST /api/v1/users/u-grace/sign-in-link']);
    expect(view.find('.sign-in-link h2').text()).toBe('Password reset link for Grace Hopper');
    expect(view.find('.sign-in-link .shown-once').text()).toContain('once to choose a new password');

    await view.findAll('.sign-in-link button').find((b) => b.text() === 'Done')!.trigger('click');
    expect(view.find('.sign-in-link').exists()).toBe(false);
  });

  it('is a table on a laptop-wide window', async () => {
    vi.stubGlobal('matchMedia', (query: string) => ({ matches: query === '(min-width: 1024px)', addEventListener: () => undefined, removeEventListener: () => undefined }));
    const { view } = await openPeople();
    expect(view.findAll('thead th').map((th) => th.text())).toEqual(['Name', 'Email', 'Role', 'Status', 'Actions']);
    const row = view.find('tr[data-person="u-grace"]');
    expect(row.find('th').text()).toBe('Grace Hopper');
    expect(row.find('select').attributes('aria-label')).toBe('Role of Grace Hopper');
    expect(row.findAll('button').map((b) => b.text())).toEqual(['Password reset link', 'Deactivate']);
  });
});
