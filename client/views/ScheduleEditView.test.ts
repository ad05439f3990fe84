import { flushPromises, type DOMWrapper, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { User } from '../../shared/api/accounts';
import type { Schedule, ScheduleInput, ScheduleOverride } from '../../shared/api/schedules';
import { errorResponse, jsonResponse, stubFetch } from '../testing/fetch-stub';
import { newLayer } from '../components/schedule/schedule-form';
import { ada } from '../testing/fixtures';
import { mountAppAt } from '../testing/mount-app';
import { resetOfflineDb } from '../testing/offline-db';

let wrapper: VueWrapper | undefined;
beforeEach(async () => {
  await resetOfflineDb();
  // Wednesday 11:00 in Berlin; only the clock is fake, timers run.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-03-04T10:00:00Z'));
});
afterEach(() => {
  wrapper?.unmount();
  wrapper = undefined;
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const bob: User = { ...ada, id: 'u-bob', name: 'Bob Builder', email: 'bob@example.com' };
const cy: User = { ...ada, id: 'u-cy', name: 'Cy Young', email: 'cy@example.com' };
const vic: User = { ...ada, id: 'u-vic', name: 'Vic Viewer', email: 'vic@example.com', role: 'viewer' };
const gus: User = { ...ada, id: 'u-gus', name: 'Gus Gone', email: 'gus@example.com', active: false };
/** Weekly, Monday 09:00 Berlin time: Ada the week of Mar 2, Bob from Mar 9, Ada again from Mar 16. */
const primary: Schedule = {
  id: 'sch-1',
  name: 'Primary',
  timeZone: 'Europe/Berlin',
  description: 'Checkout and payments',
  createdAt: '2026-03-01T00:00:00Z',
  layers: [{ users: ['u-ada', 'u-bob'], startDate: '2026-03-02', handoffTime: '09:00', shift: { length: 1, unit: 'weeks' } }],
};
const cyCovers: ScheduleOverride = { id: 'ov-1', userId: 'u-cy', userName: 'Cy Young', start: '2026-03-20T17:00:00Z', end: '2026-03-21T07:00:00Z' };

function serve(role: User['role'], overrides: ScheduleOverride[] = [cyCovers], unreachable: User[] = []) {
  const at = '/api/v1/schedules/sch-1';
  let current = primary;
  return stubFetch({
    'GET /api/v1/me': () => jsonResponse(200, { user: { ...ada, role } }),
    'GET /api/v1/users': () => jsonResponse(200, { items: [ada, bob, cy, vic, gus] }),
    'GET /api/v1/on-call/unreachable': () => jsonResponse(200, { items: unreachable.map(({ id, name }) => ({ id, name, why: 'no device, no contact method' })) }),
    [`GET ${at}`]: () => jsonResponse(200, { ...current, overrides }),
    [`PUT ${at}`]: (req) => jsonResponse(200, (current = { ...primary, ...(req.body as ScheduleInput), description: null })),
    'POST /api/v1/schedules': (req) => jsonResponse(201, { ...(req.body as ScheduleInput), id: 'sch-2', createdAt: '2026-03-04T10:00:00Z' }),
    'GET /api/v1/schedules/sch-2': () => jsonResponse(200, { ...primary, id: 'sch-2', name: 'Secondary', overrides: [] }),
    [`POST ${at}/overrides`]: (req) => jsonResponse(201, { id: `ov-${overrides.length + 1}`, ...(req.body as object) }),
    [`DELETE ${at}/overrides/ov-1`]: () => new Response(null, { status: 204 }),
  });
}

async function open(path = '/schedules/sch-1') {
  let router;
  ({ wrapper, router } = await mountAppAt(path));
  await vi.waitFor(() => expect(wrapper!.find(path.endsWith('/new') ? 'form[aria-label="Schedule"]' : '.day').exists()).toBe(true));
  return { view: wrapper!, router };
}

/** One day of the calendar as the reader sees it: "09:00–24:00 Bob Builder", "Nobody on call 17:00–24:00". */
function day(view: VueWrapper, label: string): string[] {
  const found = view.findAll('.day').find((node) => node.find('h3').text() === label);
  expect(found, `calendar day ${label}`).toBeDefined();
  return found!.findAll('.entry').map((entry) => [entry.find('.time'), entry.find('.who')].filter((part) => part.exists()).map((part) => part.text()).join(' '));
}

const button = (view: VueWrapper | DOMWrapper<Element>, text: string) => {
  const found = view.findAll('button').find((b) => b.text() === text || b.attributes('aria-label') === text);
  expect(found, `button ${text}`).toBeDefined();
  return found!;
};
const writes = (requests: ReturnType<typeof serve>['requests']) => requests.filter((req) => req.method !== 'GET');

describe('schedule screen', () => {
  it('previews the saved rotation with the shared rotation code: the hand-off day and who is on call', async () => {
    serve('admin');
    const { view } = await open();
    expect(view.find('h1').text()).toBe('Primary');
    expect(view.text()).toContain('Times in Europe/Berlin');
    expect(day(view, 'Wed, Mar 4')).toEqual(['11:00–24:00 Ada Lovelace (you)']);
    expect(day(view, 'Mon, Mar 9')).toEqual(['00:00–09:00 Ada Lovelace (you)', '09:00–24:00 Bob Builder']);
    expect(day(view, 'Fri, Mar 20')).toEqual(['00:00–18:00 Ada Lovelace (you)', '18:00–24:00 Cy Young']);
    expect(view.find('.entry.override .who').text()).toBe('Cy Young');
    expect(view.findAll('.day')).toHaveLength(28);
    expect(view.find('.unsaved').exists()).toBe(false);
  });

  it('marks the shifts of someone a page cannot reach', async () => {
    serve('admin', [cyCovers], [bob]);
    const { view } = await open();
    const monday = view.findAll('.day').find((node) => node.find('h3').text() === 'Mon, Mar 9')!;
    const [adaShift, bobShift] = monday.findAll('.entry');
    expect(adaShift.find('.warning').exists()).toBe(false);
    expect(bobShift.classes()).toContain('unpageable');
    expect(bobShift.find('.warning').text()).toBe('cannot be paged: no device, no contact method');
  });

  it('shows a restriction’s uncovered hours as a red gap, in words, before anything is saved', async () => {
    const { requests } = serve('admin');
    const { view } = await open();
    await button(view, '+ Only at certain hours').trigger('click');

    expect(view.find('.unsaved').text()).toBe('Preview — not saved yet');
    expect(day(view, 'Wed, Mar 4')).toEqual(['11:00–17:00 Ada Lovelace (you)', 'Nobody on call 17:00–24:00']);
    expect(day(view, 'Thu, Mar 5')).toEqual(['Nobody on call 00:00–09:00', '09:00–17:00 Ada Lovelace (you)', 'Nobody on call 17:00–24:00']);
    expect(day(view, 'Sat, Mar 7')).toEqual(['Nobody on call 00:00–24:00']);
    expect(view.find('.entry.gap').exists()).toBe(true);

    await view.find('input[name="restriction-0-end"]').setValue('02:00');
    expect(day(view, 'Thu, Mar 5')).toEqual(['00:00–02:00 Ada Lovelace (you)', 'Nobody on call 02:00–09:00', '09:00–24:00 Ada Lovelace (you)']);
    expect(writes(requests)).toEqual([]);
  });

  it('changes the preview as a layer is edited, and saves the people in their new order', async () => {
    const { requests } = serve('admin');
    const { view } = await open();

    await view.find('select[name="layer-0-unit"]').setValue('days');
    expect(day(view, 'Thu, Mar 5')).toEqual(['00:00–09:00 Ada Lovelace (you)', '09:00–24:00 Bob Builder']);
    await button(view, 'Move Bob Builder up').trigger('click');
    expect(view.findAll('.person .name').map((node) => node.text())).toEqual(['1. Bob Builder', '2. Ada Lovelace']);
    expect(day(view, 'Thu, Mar 5')).toEqual(['00:00–09:00 Bob Builder', '09:00–24:00 Ada Lovelace (you)']);
    expect(writes(requests)).toEqual([]);

    await view.find('form[aria-label="Schedule"]').trigger('submit');
    await vi.waitFor(() => expect(writes(requests)).toHaveLength(1));
    expect(writes(requests)[0]).toMatchObject({ method: 'PUT', path: '/api/v1/schedules/sch-1' });
    expect(writes(requests)[0].body).toEqual({
      name: 'Primary',
      timeZone: 'Europe/Berlin',
      description: 'Checkout and payments',
      layers: [{ users: ['u-bob', 'u-ada'], startDate: '2026-03-02', handoffTime: '09:00', shift: { length: 1, unit: 'days' } }],
    });
    await vi.waitFor(() => expect(view.find('button[type="submit"]').text()).toBe('Saved'));
    expect(view.find('.unsaved').exists()).toBe(false);
  });

  it('shows what the server refused', async () => {
    const { routes } = serve('admin');
    routes['PUT /api/v1/schedules/sch-1'] = () => errorResponse(400, 'invalid_request', 'layers.0.handoffTime: must be a 24-hour time HH:MM');
    const { view } = await open();
    await view.find('input[name="name"]').setValue('Primary on call');
    await view.find('form[aria-label="Schedule"]').trigger('submit');
    await vi.waitFor(() => expect(view.find('[role="alert"]').exists()).toBe(true));
    expect(view.find('[role="alert"]').text()).toBe('Layers.0.handoffTime: must be a 24-hour time HH:MM');
    expect(view.find('.unsaved').exists()).toBe(true);
  });

  it('creates a schedule in the device’s zone from a searched-for person, then opens it', async () => {
    const { requests } = serve('admin');
    const { view, router } = await open('/schedules/new');
    expect(view.find('h1').text()).toBe('New schedule');
    expect(view.find('.unsaved').exists()).toBe(true);
    expect(view.find('.calendar').text()).toContain('The calendar fills in once a layer has people and a first hand-off.');

    await view.find('input[name="name"]').setValue('Secondary');
    // Viewers and deactivated people would be skipped when paged: they are not offered.
    await view.find('input[name="person-search"]').setValue('example');
    expect(view.findAll('.match').map((match) => match.text())).toEqual(['+ Ada Lovelaceada@example.com', '+ Bob Builderbob@example.com', '+ Cy Youngcy@example.com']);
    await view.find('input[name="person-search"]').setValue('bob');
    expect(view.findAll('.match').map((match) => match.text())).toEqual(['+ Bob Builderbob@example.com']);
    await view.find('.match').trigger('click');
    // In the device's zone, whatever the machine running the test has: Bob from the first hand-off (or now) to midnight.
    expect(day(view, 'Wed, Mar 4').at(-1)).toMatch(/^\d\d:\d\d–24:00 Bob Builder$/);
    await view.find('form[aria-label="Schedule"]').trigger('submit');

    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/schedules/sch-2'));
    expect(writes(requests)[0]).toMatchObject({ method: 'POST', path: '/api/v1/schedules' });
    expect(writes(requests)[0].body).toEqual({
      name: 'Secondary',
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      description: null,
      // Today's 09:00 in the device's zone, or yesterday's when that is still ahead (see schedule-form.test.ts).
      layers: [{ users: ['u-bob'], startDate: newLayer(Intl.DateTimeFormat().resolvedOptions().timeZone, new Date()).startDate, handoffTime: '09:00', shift: { length: 1, unit: 'weeks' } }],
    });
    await vi.waitFor(() => expect(view.find('h1').text()).toBe('Secondary'));
  });

  it('leaves a person where they went while the new schedule was being saved', async () => {
    const { routes } = serve('admin');
    let answer: (() => void) | undefined;
    const create = routes['POST /api/v1/schedules'];
    routes['POST /api/v1/schedules'] = (req) => new Promise((resolve) => (answer = () => resolve(create(req))));
    const { view, router } = await open('/schedules/new');
    await view.find('input[name="name"]').setValue('Secondary');
    await view.find('input[name="person-search"]').setValue('bob');
    await view.find('.match').trigger('click');
    await view.find('form[aria-label="Schedule"]').trigger('submit');
    await vi.waitFor(() => expect(answer).toBeTypeOf('function'));

    await router.push('/team');
    answer!();
    // The created schedule's answer is read and acted on within a few turns of the event loop.
    for (let turn = 0; turn < 5; turn++) await flushPromises();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(router.currentRoute.value.fullPath).toBe('/team');
  });

  it('adds cover in the schedule’s zone, swaps two shifts and removes an override', async () => {
    const { requests } = serve('admin');
    const { view } = await open();
    expect(view.find('.override .who').text()).toContain('Cy Young');

    await view.find('select[name="cover-user"]').setValue('u-cy');
    await view.find('input[name="cover-start"]').setValue('2026-03-06T18:00');
    await view.find('input[name="cover-end"]').setValue('2026-03-07T08:00');
    await view.find('form[aria-label="Cover"]').trigger('submit');
    await vi.waitFor(() => expect(writes(requests)).toHaveLength(1));
    expect(writes(requests)[0]).toMatchObject({
      path: '/api/v1/schedules/sch-1/overrides',
      body: { userId: 'u-cy', start: '2026-03-06T17:00:00.000Z', end: '2026-03-07T07:00:00.000Z' },
    });

    // The list is read back before the next change can go.
    await vi.waitFor(() => expect(view.find('form[aria-label="Cover"] button').attributes('disabled')).toBeUndefined());
    const swap = view.find('form[aria-label="Swap"]');
    const options = (name: string) => swap.find(`select[name="${name}"]`).findAll('option').filter((o) => o.attributes('disabled') === undefined);
    await swap.find('select[name="swap-first"]').setValue(options('swap-first')[1].element.value);
    expect(options('swap-second').map((o) => o.text().split(' · ')[0])).toEqual(['Ada Lovelace', 'Ada Lovelace', 'Cy Young', 'Ada Lovelace', 'Ada Lovelace']);
    expect(options('swap-second')[1].text()).toBe('Ada Lovelace · Mon, Mar 16, 09:00 → Fri, Mar 20, 18:00');
    await swap.find('select[name="swap-second"]').setValue(options('swap-second')[1].element.value);
    expect(swap.text()).toContain('Ada Lovelace covers Bob Builder’s shift, and Bob Builder covers Ada Lovelace’s.');
    await swap.trigger('submit');
    await vi.waitFor(() => expect(writes(requests)).toHaveLength(3));
    expect(writes(requests).slice(1).map((req) => req.body)).toEqual([
      { userId: 'u-ada', start: '2026-03-09T08:00:00.000Z', end: '2026-03-16T08:00:00.000Z' },
      { userId: 'u-bob', start: '2026-03-16T08:00:00.000Z', end: '2026-03-20T17:00:00.000Z' },
    ]);

    await button(view, 'Remove the override for Cy Young from Fri, Mar 20, 18:00').trigger('click');
    await button(view, 'Remove override').trigger('click');
    await vi.waitFor(() => expect(writes(requests)).toHaveLength(4));
    expect(writes(requests)[3]).toMatchObject({ method: 'DELETE', path: '/api/v1/schedules/sch-1/overrides/ov-1' });
  });

  it('is read-only for a responder, who can still take a shift for themself', async () => {
    const { requests } = serve('responder');
    const { view } = await open();
    expect(view.find('form[aria-label="Schedule"]').exists()).toBe(false);
    expect(view.find('input[name="name"]').exists()).toBe(false);
    expect(view.find('.layer').text()).toContain('Weekly, handing off on Mondays at 09:00, from Mon, Mar 2');
    expect(view.findAll('.layer li').map((li) => li.text())).toEqual(['Ada Lovelace', 'Bob Builder']);
    expect(view.find('form[aria-label="Swap"]').exists()).toBe(false);
    expect(view.find('select[name="cover-user"]').exists()).toBe(false);
    expect(view.findAll('button').some((b) => b.text() === 'Remove')).toBe(false);

    await button(view, 'Take a shift…').trigger('click');
    await button(view, 'Take Bob Builder’s shift Mon, Mar 9 09:00–24:00').trigger('click');
    expect(view.text()).toContain('You will be on call from Mon, Mar 9, 09:00 to Mon, Mar 16, 09:00, and paged.');
    await button(view, 'Take shift').trigger('click');
    await vi.waitFor(() => expect(writes(requests)).toHaveLength(1));
    expect(writes(requests)[0]).toMatchObject({
      method: 'POST',
      path: '/api/v1/schedules/sch-1/overrides',
      body: { userId: 'u-ada', start: '2026-03-09T08:00:00.000Z', end: '2026-03-16T08:00:00.000Z' },
    });
  });

  it('only shows a viewer the schedule', async () => {
    serve('viewer');
    const { view } = await open();
    await flushPromises();
    expect(view.find('.day').exists()).toBe(true);
    expect(view.findAll('button').map((b) => b.text())).toEqual([]);
    expect(view.find('form').exists()).toBe(false);
  });
});
