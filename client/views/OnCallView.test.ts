import type { VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MyOnCall, OnCallNow, Schedule } from '../../shared/api/schedules';
import { takeoverEnd } from '../composables/use-on-call';
import { formatClock } from '../format/time';
import { errorResponse, jsonResponse, stubFetch } from '../testing/fetch-stub';
import { ada } from '../testing/fixtures';
import { mountAppAt } from '../testing/mount-app';

let wrapper: VueWrapper | undefined;
afterEach(() => {
  wrapper?.unmount();
  wrapper = undefined;
  vi.unstubAllGlobals();
});

const hour = 3_600_000;
const schedule = (id: string, name: string): Schedule => ({ id, name, timeZone: 'Europe/Berlin', description: null, layers: [], createdAt: '2026-03-01T00:00:00Z' });
const primary = schedule('sch-primary', 'Payments primary');
const secondary = schedule('sch-secondary', 'Payments secondary');
const endsIn3h = new Date(Date.now() + 3 * hour).toISOString();

function serve(mine: MyOnCall = { current: [], next: [] }, user = ada, unreachable: Array<{ id: string; name: string; why: string }> = []) {
  let onCall: Record<string, OnCallNow> = {
    [primary.id]: { at: new Date().toISOString(), users: [{ id: 'u-bob', name: 'Bob Bemer' }], shiftEndsAt: endsIn3h },
    [secondary.id]: { at: new Date().toISOString(), users: [], shiftEndsAt: null },
  };
  return stubFetch({
    'GET /api/v1/me': () => jsonResponse(200, { user }),
    'GET /api/v1/me/on-call': () => jsonResponse(200, mine),
    'GET /api/v1/schedules': () => jsonResponse(200, { items: [primary, secondary] }),
    'GET /api/v1/on-call/unreachable': () => jsonResponse(200, { items: unreachable }),
    'GET /api/v1/schedules/sch-primary/on-call': () => jsonResponse(200, onCall[primary.id]),
    'GET /api/v1/schedules/sch-secondary/on-call': () => jsonResponse(200, onCall[secondary.id]),
    'POST /api/v1/schedules/sch-primary/overrides': (req) => {
      const body = req.body as { userId: string; start: string; end: string };
      onCall = { ...onCall, [primary.id]: { ...onCall[primary.id], users: [{ id: ada.id, name: ada.name }] } };
      return jsonResponse(201, { id: 'ovr-1', ...body });
    },
  });
}

const cards = () => wrapper!.findAll('.schedule-card');

describe('on call', () => {
  it('shows who is on call per schedule and until when, and gaps loudly', async () => {
    serve();
    ({ wrapper } = await mountAppAt('/on-call'));
    await vi.waitFor(() => expect(cards()).toHaveLength(2));
    expect(cards()[0].text()).toContain('Payments primary');
    expect(cards()[0].find('.who').text()).toBe(`Bob Bemer until ${formatClock(endsIn3h, new Date())}`);
    expect(cards()[1].find('.nobody').text()).toBe('Nobody is on call');
  });

  it('names the people a page cannot reach, and leads me to Settings when I am one of them', async () => {
    serve({ current: [], next: [] }, ada, [
      { id: ada.id, name: ada.name, why: 'no device, no contact method' },
      { id: 'u-bob', name: 'Bob Bemer', why: 'no device, contact methods failing' },
    ]);
    ({ wrapper } = await mountAppAt('/on-call'));
    await vi.waitFor(() => expect(wrapper!.find('.unreachable').exists()).toBe(true));
    expect(wrapper.find('.unreachable h2').text()).toBe('2 people cannot be paged');
    expect(wrapper.findAll('.unreachable li').map((item) => item.text())).toEqual([
      'Ada Lovelace (you): no device, no contact method',
      'Bob Bemer: no device, contact methods failing',
    ]);
    expect(wrapper.find('.unreachable p').text()).toBe('A step or shift that names only them reaches nobody.');
    expect(wrapper.find('.unreachable a').attributes('href')).toBe('/settings');
  });

  it('says nothing about reachability when everyone can be paged', async () => {
    serve();
    ({ wrapper } = await mountAppAt('/on-call'));
    await vi.waitFor(() => expect(cards()).toHaveLength(2));
    expect(wrapper.find('.unreachable').exists()).toBe(false);
  });

  it('shows shift times in the time zone chosen in the profile', async () => {
    serve({ current: [], next: [] }, { ...ada, timeZone: 'Pacific/Kiritimati' });
    ({ wrapper } = await mountAppAt('/on-call'));
    await vi.waitFor(() => expect(cards()).toHaveLength(2));
    expect(cards()[0].find('.who').text()).toBe(`Bob Bemer until ${formatClock(endsIn3h, new Date(), undefined, 'Pacific/Kiritimati')}`);
    expect(formatClock(endsIn3h, new Date(), undefined, 'Pacific/Kiritimati')).not.toBe(formatClock(endsIn3h, new Date()));
    expect(wrapper.text()).toContain('Times in Pacific/Kiritimati, as set in your profile.');
  });

  it('shows my current and next shifts', async () => {
    serve({
      current: [{ scheduleId: primary.id, scheduleName: 'Payments primary', userId: ada.id, start: new Date(Date.now() - hour).toISOString(), end: endsIn3h }],
      next: [{ scheduleId: secondary.id, scheduleName: 'Payments secondary', userId: ada.id, start: '2030-05-06T07:00:00Z', end: '2030-05-13T07:00:00Z' }],
    });
    ({ wrapper } = await mountAppAt('/on-call'));
    await vi.waitFor(() => expect(wrapper!.find('.my-shifts .current').exists()).toBe(true));
    expect(wrapper.find('.my-shifts .current').text()).toBe(`On call now for Payments primary until ${formatClock(endsIn3h, new Date())}`);
    expect(wrapper.find('.my-shifts .next').text()).toContain('Payments secondary');
  });

  it('takes a shift for me, from now until it ends, after confirming', async () => {
    const { requests } = serve();
    ({ wrapper } = await mountAppAt('/on-call'));
    await vi.waitFor(() => expect(cards()).toHaveLength(2));

    await cards()[0].findAll('button').find((b) => b.text() === 'Take this shift')!.trigger('click');
    expect(requests.some((r) => r.method === 'POST')).toBe(false);
    expect(cards()[0].text()).toContain('You will be paged');
    const before = Date.now();
    await cards()[0].findAll('button').find((b) => b.text() === 'Take shift')!.trigger('click');
    await vi.waitFor(() => expect(cards()[0].find('.who').text()).toContain('Ada Lovelace (you)'));

    const posted = requests.filter((r) => r.method === 'POST').map((r) => ({ path: r.path, body: r.body as { userId: string; start: string; end: string } }));
    expect(posted).toHaveLength(1);
    expect(posted[0].path).toBe('/api/v1/schedules/sch-primary/overrides');
    expect(posted[0].body.userId).toBe(ada.id);
    expect(Date.parse(posted[0].body.start)).toBeGreaterThanOrEqual(before - 1000);
    expect(posted[0].body.end).toBe(endsIn3h);
    // Already on call: nothing to take.
    expect(cards()[0].text()).not.toContain('Take this shift');
  });

  it('does not offer taking shifts to viewers', async () => {
    const { routes } = serve();
    routes['GET /api/v1/me'] = () => jsonResponse(200, { user: { ...ada, role: 'viewer' } });
    ({ wrapper } = await mountAppAt('/on-call'));
    await vi.waitFor(() => expect(cards()).toHaveLength(2));
    expect(wrapper.text()).not.toContain('Take this shift');
  });

  it('shows the server refusing a takeover', async () => {
    const { routes } = serve();
    routes['POST /api/v1/schedules/sch-primary/overrides'] = () => errorResponse(403, 'forbidden', 'only admins may put someone else on call');
    ({ wrapper } = await mountAppAt('/on-call'));
    await vi.waitFor(() => expect(cards()).toHaveLength(2));
    await cards()[0].findAll('button').find((b) => b.text() === 'Take this shift')!.trigger('click');
    await cards()[0].findAll('button').find((b) => b.text() === 'Take shift')!.trigger('click');
    await vi.waitFor(() => expect(wrapper!.find('[role="alert"]').text()).toBe('Only admins may put someone else on call'));
  });
});

describe('takeoverEnd', () => {
  const start = new Date('2026-03-02T03:00:00Z');
  it('ends with the current shift', () => {
    expect(takeoverEnd('2026-03-02T09:00:00Z', start).toISOString()).toBe('2026-03-02T09:00:00.000Z');
  });
  it('covers 12 hours when the gap has no end in sight', () => {
    expect(takeoverEnd(null, start).toISOString()).toBe('2026-03-02T15:00:00.000Z');
  });
  it('stays within the 90 days the API allows', () => {
    expect(takeoverEnd('2027-01-01T00:00:00Z', start).toISOString()).toBe('2026-05-31T03:00:00.000Z');
  });
});
