import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ActionItemAcrossIncidents } from '../../shared/api/review';
import { pendingCommands } from '../offline/outbox';
import { ada } from '../testing/fixtures';
import { errorResponse, jsonResponse, stubFetch } from '../testing/fetch-stub';
import { mountAppAt } from '../testing/mount-app';
import { resetOfflineDb } from '../testing/offline-db';

let wrapper: VueWrapper | undefined;
beforeEach(resetOfflineDb);
afterEach(() => {
  wrapper?.unmount();
  vi.unstubAllGlobals();
});

const item = (overrides: Partial<ActionItemAcrossIncidents>): ActionItemAcrossIncidents => ({
  id: 'ai-1',
  title: 'Raise the gateway timeout',
  ownerId: ada.id,
  ownerName: ada.name,
  dueDate: '2026-03-05',
  status: 'open',
  incidentId: 'inc-7',
  incidentNumber: 7,
  incidentTitle: 'Checkout returns 502',
  overdue: true,
  ...overrides,
});
const items = [item({}), item({ id: 'ai-2', title: 'Alert on latency', dueDate: null, overdue: false, ownerId: null, ownerName: null })];

function serve(routes: Parameters<typeof stubFetch>[0] = {}) {
  return stubFetch({
    'GET /api/v1/me': () => jsonResponse(200, { user: ada }),
    'GET /api/v1/action-items': () => jsonResponse(200, { items }),
    'GET /api/v1/incidents/inc-7': () => errorResponse(404, 'not_found', 'gone'),
    ...routes,
  });
}

async function open() {
  ({ wrapper } = await mountAppAt('/action-items'));
  await vi.waitFor(() => expect(wrapper!.findAll('.item')).toHaveLength(2));
  return wrapper;
}

describe('action items across incidents', () => {
  it('lists open items in the server’s order with the overdue one marked, linking to its review', async () => {
    const server = serve();
    const view = await open();
    expect(server.requests.find((r) => r.path === '/api/v1/action-items')?.query.get('status')).toBe('open');
    const [first, second] = view.findAll('.item');
    expect(first.classes()).toContain('overdue');
    expect(first.text()).toContain('Overdue · due 2026-03-05');
    expect(first.find('a').attributes('href')).toBe('/incidents/inc-7/review');
    expect(second.classes()).not.toContain('overdue');
    expect(second.text()).toContain('No due date · no owner');
    expect(view.find('.overdue-count').text()).toBe('1 overdue');
  });

  it('ticks done through the outbox with its own Idempotency-Key', async () => {
    const server = serve({ 'PATCH /api/v1/action-items/ai-1': () => jsonResponse(200, { ...items[0], status: 'done', overdue: false }) });
    const view = await open();
    await view.find('.item .thumb-check').setValue(true);
    await vi.waitFor(() => expect(server.requests.some((r) => r.method === 'PATCH')).toBe(true));
    const patch = server.requests.find((r) => r.method === 'PATCH')!;
    expect(patch.body).toEqual({ status: 'done' });
    expect(patch.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
    await flushPromises();
    expect(await pendingCommands()).toEqual([]);
    // Sent and taken: it stays ticked, not flipped back by the list it came from.
    await vi.waitFor(() => expect(view.findAll('.item')[0].classes()).toContain('done'));
  });

  it('offline, the tick waits in the outbox and shows at once', async () => {
    serve({
      'PATCH /api/v1/action-items/ai-1': () => {
        throw new TypeError('Failed to fetch');
      },
    });
    const view = await open();
    await view.find('.item .thumb-check').setValue(true);
    await vi.waitFor(async () => expect((await pendingCommands()).map((c) => [c.kind, c.path])).toEqual([['action-item', '/api/v1/action-items/ai-1']]));
    await vi.waitFor(() => expect(view.findAll('.item')[0].classes()).toContain('done'));
    expect(view.find('.overdue-count').exists()).toBe(false);
  });

  it('a refused tick is rolled back and shown', async () => {
    serve({ 'PATCH /api/v1/action-items/ai-1': () => errorResponse(404, 'not_found', 'action item ai-1 not found') });
    const view = await open();
    await view.find('.item .thumb-check').setValue(true);
    await vi.waitFor(() => expect(view.text()).toContain('Your action item tick was not applied'));
    expect(view.findAll('.item')[0].classes()).not.toContain('done');
    expect(await pendingCommands()).toEqual([]);
  });
});
