import type { VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { User } from '../../shared/api/accounts';
import type { OnCallNow, Schedule } from '../../shared/api/schedules';
import { errorResponse, jsonResponse, stubFetch } from '../testing/fetch-stub';
import { ada } from '../testing/fixtures';
import { mountAppAt } from '../testing/mount-app';
import { resetOfflineDb } from '../testing/offline-db';

let wrapper: VueWrapper | undefined;
beforeEach(resetOfflineDb);
afterEach(() => {
  wrapper?.unmount();
  wrapper = undefined;
  vi.unstubAllGlobals();
});

const schedule = (id: string, name: string, timeZone: string): Schedule => ({
  id,
  name,
  timeZone,
  description: null,
  createdAt: '2026-03-01T00:00:00Z',
  layers: [{ users: ['u-ada'], startDate: '2026-03-02', handoffTime: '09:00', shift: { length: 1, unit: 'weeks' } }],
});
const onCall = (users: OnCallNow['users']): OnCallNow => ({ at: new Date().toISOString(), users, shiftEndsAt: new Date(Date.now() + 3_600_000).toISOString() });

function serve(role: User['role']) {
  return stubFetch({
    'GET /api/v1/me': () => jsonResponse(200, { user: { ...ada, role } }),
    'GET /api/v1/schedules': () =>
      jsonResponse(200, { items: [schedule('sch-1', 'Primary', 'Europe/Berlin'), schedule('sch-2', 'Night shift', 'America/New_York'), schedule('sch-3', 'Database', 'UTC')] }),
    'GET /api/v1/schedules/sch-1/on-call': () => jsonResponse(200, onCall([{ id: 'u-ada', name: 'Ada Lovelace' }])),
    'GET /api/v1/schedules/sch-2/on-call': () => jsonResponse(200, onCall([])),
    'GET /api/v1/schedules/sch-3/on-call': () => errorResponse(500, 'internal', 'the database did not answer'),
  });
}

async function openList() {
  ({ wrapper } = await mountAppAt('/schedules'));
  await vi.waitFor(() => expect(wrapper!.findAll('.schedule')).toHaveLength(3));
  return wrapper!;
}

describe('schedule list', () => {
  it('lists schedules with their zone and who is on call now, nobody in words', async () => {
    serve('viewer');
    const view = await openList();
    const rows = view.findAll('.schedule').map((row) => ({ name: row.find('.name').text(), zone: row.find('.zone').text(), onCall: row.find('.on-call').text() }));
    expect(rows).toEqual([
      { name: 'Primary', zone: 'Europe/Berlin', onCall: expect.stringMatching(/^Ada Lovelace \(you\) until \S/) },
      { name: 'Night shift', zone: 'America/New York', onCall: expect.stringMatching(/^Nobody on call until \S/) },
      { name: 'Database', zone: 'UTC', onCall: 'Not known right now' },
    ]);
    expect(view.find('.schedule .nobody').exists()).toBe(true);
    expect(view.find('.schedule .name').attributes('href')).toBe('/schedules/sch-1');
    expect(view.text()).not.toContain('New schedule');
  });

  it('offers admins a new schedule', async () => {
    serve('admin');
    const view = await openList();
    expect(view.find('a[href="/schedules/new"]').text()).toBe('New schedule');
  });
});
