import type { VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { User } from '../../shared/api/accounts';
import type { EscalationPolicy } from '../../shared/api/paging';
import { jsonResponse, stubFetch } from '../testing/fetch-stub';
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

const step = { delaySeconds: 300, targets: [{ type: 'user' as const, id: 'u-ada' }] };
const policy = (id: string, name: string, overrides: Partial<EscalationPolicy> = {}): EscalationPolicy => ({
  id,
  name,
  repeat: 0,
  steps: [step],
  serviceIds: [],
  createdAt: '2026-03-01T00:00:00Z',
  ...overrides,
});

function serve(role: User['role'], policies: EscalationPolicy[]) {
  return stubFetch({
    'GET /api/v1/me': () => jsonResponse(200, { user: { ...ada, role } }),
    'GET /api/v1/escalation-policies': () => jsonResponse(200, { items: policies }),
    'GET /api/v1/services': () => jsonResponse(200, { items: [{ id: 'svc-1', name: 'Checkout API' }] }),
  });
}

describe('escalation policy list', () => {
  it('lists policies by name with their steps and the services using them, and lets admins add one', async () => {
    serve('admin', [policy('p-2', 'Search'), policy('p-1', 'Payments', { steps: [step, step], repeat: 2, serviceIds: ['svc-1'] })]);
    ({ wrapper } = await mountAppAt('/policies'));
    await vi.waitFor(() => expect(wrapper!.findAll('.policy')).toHaveLength(2));

    const rows = wrapper.findAll('.policy');
    expect(rows.map((row) => row.attributes('href'))).toEqual(['/policies/p-1', '/policies/p-2']);
    expect(rows[0].find('.summary').text()).toBe('2 steps · repeats twice · used by Checkout API');
    expect(rows[1].find('.summary').text()).toBe('1 step · used by no service');
    const add = wrapper.findAll('a').find((link) => link.text() === 'New policy');
    expect(add?.attributes('href')).toBe('/policies/new');
  });

  it('offers no new policy to anyone but admins', async () => {
    serve('responder', []);
    ({ wrapper } = await mountAppAt('/policies'));
    await vi.waitFor(() => expect(wrapper!.text()).toContain('No escalation policies yet: an admin creates them.'));
    expect(wrapper.findAll('a').some((link) => link.text() === 'New policy')).toBe(false);
  });
});
