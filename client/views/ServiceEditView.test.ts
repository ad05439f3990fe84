import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { User } from '../../shared/api/accounts';
import type { EscalationPolicy } from '../../shared/api/paging';
import type { Service } from '../../shared/api/services';
import { defaultSeverityMapping } from '../../shared/domain/alert-severity';
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

const admin: User = { ...ada, role: 'admin' };
const newKey = 'Zk3p9QvT2mLx8RwB4nHc6YdJ1sFa7GeU';
const policy: EscalationPolicy = { id: 'pol-1', name: 'Primary', repeat: 0, steps: [{ delaySeconds: 300, targets: [{ type: 'user', id: ada.id }] }], createdAt: '2026-03-01T00:00:00Z', serviceIds: [] };
const service: Service = {
  id: 'svc-1',
  name: 'Checkout API',
  description: null,
  teamId: null,
  escalationPolicyId: 'pol-1',
  severityMapping: defaultSeverityMapping,
  stormThreshold: 20,
  archivedAt: null,
  createdAt: '2026-03-01T00:00:00Z',
};

function serve(user = admin, deleteAnswer = () => errorResponse(409, 'conflict', '2 incidents refer to service Checkout API; archive it instead: it keeps its incidents and opens no new ones')) {
  let current = service;
  return stubFetch({
    'GET /api/v1/me': () => jsonResponse(200, { user }),
    'GET /api/v1/teams': () => jsonResponse(200, { items: [{ id: 'team-1', name: 'Payments', description: null, createdAt: '2026-03-01T00:00:00Z', members: [] }] }),
    'GET /api/v1/escalation-policies': () => jsonResponse(200, { items: [policy] }),
    'POST /api/v1/services': (req) => jsonResponse(201, { ...service, ...(req.body as object), id: 'svc-2', integrationKey: newKey }),
    'GET /api/v1/services/svc-1': () => jsonResponse(200, current),
    'PATCH /api/v1/services/svc-1': (req) => {
      const body = req.body as { archived?: boolean };
      current = { ...current, ...(body.archived !== undefined && { archivedAt: body.archived ? '2026-03-02T00:00:00Z' : null }) };
      return jsonResponse(200, current);
    },
    'DELETE /api/v1/services/svc-1': deleteAnswer,
  });
}

const button = (text: string) => wrapper!.findAll('button').find((b) => b.text() === text)!;

describe('service editor', () => {
  it('creates a service with its team, policy and severity mapping, then shows its new key once', async () => {
    const { requests } = serve();
    let router;
    ({ wrapper, router } = await mountAppAt('/services/new'));
    await vi.waitFor(() => expect(wrapper!.find('select[name="policy"] option[value="pol-1"]').exists()).toBe(true));
    expect(wrapper.find('.warning').text()).toContain("this service's incidents page nobody");

    await wrapper.find('input[name="name"]').setValue('Search');
    await wrapper.find('textarea[name="description"]').setValue('Product search');
    await wrapper.find('select[name="team"]').setValue('team-1');
    await wrapper.find('select[name="policy"]').setValue('pol-1');
    expect(wrapper.find('.warning').exists()).toBe(false);
    const [critical, , warning] = wrapper.findAll('fieldset select');
    await critical.setValue('SEV-2');
    await warning.setValue('SEV-4');
    await wrapper.find('form').trigger('submit');
    await flushPromises();

    const created = requests.find((r) => r.method === 'POST' && r.path === '/api/v1/services')!;
    expect(created.body).toEqual({
      name: 'Search',
      description: 'Product search',
      teamId: 'team-1',
      escalationPolicyId: 'pol-1',
      severityMapping: { ...defaultSeverityMapping, critical: 'SEV-2', warning: 'SEV-4' },
    });
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/services/svc-2'));
  });

  it('refuses to delete a service incidents refer to, saying so, and archives it instead', async () => {
    const { requests } = serve();
    ({ wrapper } = await mountAppAt('/services/svc-1/edit'));
    await vi.waitFor(() => expect(wrapper!.find('h1').text()).toBe('Edit Checkout API'));
    await button('Delete service').trigger('click');
    await button('Delete').trigger('click');
    await vi.waitFor(() => expect(wrapper!.find('[role="alert"]').text()).toContain('2 incidents refer to service Checkout API; archive it instead'));

    await button('Archive service').trigger('click');
    await button('Archive').trigger('click');
    await vi.waitFor(() => expect(wrapper!.text()).toContain('Archived: it keeps its incidents and opens no new ones'));
    expect(requests.filter((r) => r.method === 'PATCH').map((r) => r.body)).toEqual([{ archived: true }]);
    await button('Restore service').trigger('click');
    await flushPromises();
    expect(requests.filter((r) => r.method === 'PATCH').map((r) => r.body)).toEqual([{ archived: true }, { archived: false }]);
  });

  it('shows a service to non-admins without ways to change it', async () => {
    serve({ ...ada, role: 'responder' });
    ({ wrapper } = await mountAppAt('/services/svc-1/edit'));
    await vi.waitFor(() => expect((wrapper!.find('input[name="name"]').element as HTMLInputElement).value).toBe('Checkout API'));
    expect(wrapper.find('input[name="name"]').attributes('disabled')).toBeDefined();
    expect(wrapper.findAll('button').map((b) => b.text())).toEqual([]);
    expect(wrapper.text()).toContain('Only admins change services.');
  });
});
