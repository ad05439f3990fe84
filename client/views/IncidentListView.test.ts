import type { VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Incident } from '../../shared/api/incidents';
import { ada, incidentDetail } from '../testing/fixtures';
import { jsonResponse, stubFetch } from '../testing/fetch-stub';
import { mountAppAt } from '../testing/mount-app';
import { resetOfflineDb } from '../testing/offline-db';

let wrapper: VueWrapper | undefined;
beforeEach(resetOfflineDb);
afterEach(() => {
  wrapper?.unmount();
  vi.unstubAllGlobals();
});

function summary(overrides: Partial<Incident>): Incident {
  const { timeline: _timeline, ...incident } = incidentDetail(overrides);
  return incident;
}

const incidents = [
  summary({ id: 'a', number: 3, title: 'Disk almost full', severity: 'SEV-4', status: 'acknowledged' }),
  summary({ id: 'b', number: 2, title: 'Payments down', severity: 'SEV-1', status: 'triggered' }),
  summary({ id: 'c', number: 1, title: 'Old outage', severity: 'SEV-1', status: 'resolved' }),
];

function serve(user = ada) {
  return stubFetch({
    'GET /api/v1/me': () => jsonResponse(200, { user }),
    // Answers like the server: filtered by status, newest first.
    'GET /api/v1/incidents': (req) => {
      const statuses = req.query.get('status')?.split(',') ?? [];
      return jsonResponse(200, { items: incidents.filter((i) => statuses.includes(i.status)), nextCursor: null });
    },
  });
}

// The cached list is read from IndexedDB first, which answers in later tasks.
const cardsShown = (count: number) => vi.waitFor(() => expect(wrapper!.findAll('.incident-card')).toHaveLength(count));

describe('incident list', () => {
  it('shows open incidents, most severe first, before resolved ones', async () => {
    serve();
    ({ wrapper } = await mountAppAt('/'));
    await cardsShown(3);
    const titles = wrapper.findAll('.incident-card .title').map((node) => node.text());
    expect(titles).toEqual(['Payments down', 'Disk almost full', 'Old outage']);
    const first = wrapper.find('.incident-card');
    expect(first.find('.severity-chip').text()).toBe('SEV-1');
    expect(first.text()).toContain('Triggered');
    expect(first.text()).toContain('Checkout API');
    expect(first.text()).toContain('5 minutes ago');
  });

  it('links each card to its incident', async () => {
    serve();
    ({ wrapper } = await mountAppAt('/'));
    await cardsShown(3);
    expect(wrapper.find('.incident-card').attributes('href')).toBe('/incidents/b');
  });

  it('offers "New incident" to responders but not to viewers', async () => {
    serve();
    ({ wrapper } = await mountAppAt('/'));
    expect(wrapper.text()).toContain('New incident');
    wrapper.unmount();

    serve({ ...ada, role: 'viewer' });
    ({ wrapper } = await mountAppAt('/'));
    expect(wrapper.text()).not.toContain('New incident');
  });
});
