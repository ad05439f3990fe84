import type { VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { User } from '../../shared/api/accounts';
import type { EscalationPolicy } from '../../shared/api/paging';
import type { Schedule } from '../../shared/api/schedules';
import type { Service } from '../../shared/api/services';
import { defaultSeverityMapping } from '../../shared/domain/alert-severity';
import { errorResponse, jsonResponse, stubFetch, type RecordedRequest } from '../testing/fetch-stub';
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

const user = (id: string, name: string, overrides: Partial<User> = {}): User => ({
  ...ada,
  timeZone: null,
  hasPassword: true,
  id,
  name,
  email: `${id}@example.com`,
  ...overrides,
});
const people = [
  user('u-ada', 'Ada Lovelace', { role: 'admin' }),
  user('u-dana', 'Dana Scully', { email: 'scully@fbi.example' }),
  user('u-vic', 'Vic Viewer', { role: 'viewer' }),
  user('u-olga', 'Olga Old', { active: false }),
];
const schedule = (id: string, name: string): Schedule => ({ id, name, timeZone: 'UTC', description: null, layers: [], createdAt: '2026-03-01T00:00:00Z' });
const schedules = [schedule('sch-primary', 'Primary'), schedule('sch-second', 'Secondary')];
const service = (id: string, name: string): Service => ({
  id,
  name,
  description: null,
  teamId: null,
  escalationPolicyId: 'p-1',
  severityMapping: defaultSeverityMapping,
  stormThreshold: 20,
  archivedAt: null,
  createdAt: '2026-03-01T00:00:00Z',
});
const services = [service('svc-1', 'Checkout API'), service('svc-2', 'Search')];
const policy: EscalationPolicy = {
  id: 'p-1',
  name: 'Payments on call',
  description: 'Cards and refunds',
  repeat: 2,
  steps: [
    { delaySeconds: 300, targets: [{ type: 'schedule', id: 'sch-primary' }] },
    { delaySeconds: 600, targets: [{ type: 'user', id: 'u-dana' }] },
  ],
  serviceIds: [],
  createdAt: '2026-03-01T00:00:00Z',
};

function serve(role: User['role'], served: EscalationPolicy = policy) {
  return stubFetch({
    'GET /api/v1/me': () => jsonResponse(200, { user: { ...people[0], role } }),
    'GET /api/v1/users': () => jsonResponse(200, { items: people }),
    'GET /api/v1/schedules': () => jsonResponse(200, { items: schedules }),
    'GET /api/v1/services': () => jsonResponse(200, { items: services }),
    'GET /api/v1/escalation-policies/p-1': () => jsonResponse(200, served),
    'PUT /api/v1/escalation-policies/p-1': (req) => jsonResponse(200, { ...served, ...(req.body as object) }),
    'POST /api/v1/escalation-policies': (req) => jsonResponse(201, { ...(req.body as object), id: 'p-new', serviceIds: [], createdAt: '2026-03-02T00:00:00Z' }),
    'GET /api/v1/escalation-policies/p-new': () => errorResponse(500, 'internal', 'the new policy was already on screen'),
    'DELETE /api/v1/escalation-policies/p-1': () => new Response(null, { status: 204 }),
  });
}

async function open(path: string) {
  let router;
  ({ wrapper, router } = await mountAppAt(path));
  await vi.waitFor(() => expect(wrapper!.text()).not.toContain('Loading…'));
  return { view: wrapper!, router };
}

const preview = (view: VueWrapper) => view.findAll('.preview li').map((li) => li.text());
const byLabel = (view: VueWrapper, label: string) => view.find(`[aria-label="${label}"]`);
const step = (view: VueWrapper, number: number) => byLabel(view, `Step ${number}`);
const chips = (view: VueWrapper, number: number) => step(view, number).findAll('.chip-name').map((chip) => chip.text());
const options = (view: VueWrapper, number: number) => step(view, number).findAll('.options li').map((li) => li.text());
const sent = (requests: RecordedRequest[], method: string) => requests.filter((req) => req.method === method);

async function submit(view: VueWrapper, requests: RecordedRequest[], method: string) {
  await view.find('form[aria-label="Escalation policy"]').trigger('submit');
  await vi.waitFor(() => expect(sent(requests, method)).toHaveLength(1));
  return sent(requests, method)[0];
}

describe('escalation policy screen', () => {
  it('moves step 2 up with a thumb-sized button and saves the steps in their new order', async () => {
    const { requests } = serve('admin');
    const { view } = await open('/policies/p-1');

    expect(preview(view)).toEqual([
      'At once: page whoever is on call for Primary.',
      'After 5 min: page Dana Scully.',
      'Then repeat twice, starting over after 15 min.',
    ]);
    expect(byLabel(view, 'Move step 1 up').attributes('disabled')).toBeDefined();
    await byLabel(view, 'Move step 2 up').trigger('click');

    expect(chips(view, 1)).toEqual(['Dana Scully']);
    expect(chips(view, 2)).toEqual(['Primary']);
    expect(preview(view).slice(0, 2)).toEqual(['At once: page Dana Scully.', 'After 10 min: page whoever is on call for Primary.']);
    const put = await submit(view, requests, 'PUT');
    expect(put.path).toBe('/api/v1/escalation-policies/p-1');
    expect(put.body).toEqual({
      name: 'Payments on call',
      description: 'Cards and refunds',
      repeat: 2,
      steps: [
        { delaySeconds: 600, targets: [{ type: 'user', id: 'u-dana' }] },
        { delaySeconds: 300, targets: [{ type: 'schedule', id: 'sch-primary' }] },
      ],
    });
    await vi.waitFor(() => expect(view.find('button[type="submit"]').text()).toBe('Saved'));
  });

  it('finds people and schedules by name or email, adds them as chips and removes them', async () => {
    const { requests } = serve('admin');
    const { view } = await open('/policies/p-1');
    const search = step(view, 1).find('input[type="search"]');

    await search.setValue('FBI');
    expect(options(view, 1)).toEqual(['Dana Scullyscully@fbi.example']);
    await search.setValue('o');
    // Already on the step, Primary is not offered again; people who cannot be paged say why and come last.
    expect(options(view, 1)).toEqual([
      'SecondarySchedule',
      'Ada Lovelaceu-ada@example.com',
      'Vic Vieweru-vic@example.com · cannot be paged: a viewer',
      'Olga Oldu-olga@example.com · cannot be paged: deactivated',
    ]);
    expect(step(view, 1).findAll('.options button')).toHaveLength(2);

    await search.setValue('scully');
    await step(view, 1).find('.options button').trigger('click');
    expect(chips(view, 1)).toEqual(['Primary', 'Dana Scully']);
    expect((search.element as HTMLInputElement).value).toBe('');
    expect(step(view, 1).find('.options').exists()).toBe(false);

    await byLabel(view, 'Remove Primary from step 1').trigger('click');
    expect(chips(view, 1)).toEqual(['Dana Scully']);
    expect(preview(view)[0]).toBe('At once: page Dana Scully.');

    const put = await submit(view, requests, 'PUT');
    expect((put.body as EscalationPolicy).steps[0].targets).toEqual([{ type: 'user', id: 'u-dana' }]);
  });

  it('words the preview live as delays, steps and repeats change', async () => {
    serve('admin');
    const { view } = await open('/policies/p-1');

    const tenMinutes = step(view, 1).findAll('.preset').find((button) => button.text() === '10 min')!;
    await tenMinutes.trigger('click');
    expect(tenMinutes.attributes('aria-pressed')).toBe('true');
    expect(preview(view)[1]).toBe('After 10 min: page Dana Scully.');

    await step(view, 2).find('input[type="number"]').setValue('2.5');
    await view.find('select[name="repeat"]').setValue('1');
    expect(preview(view)[2]).toBe('Then repeat once, starting over after 12 min 30 s.');
    expect(step(view, 2).find('legend').text()).toBe('Then start over from step 1 after');

    await view.findAll('button').find((button) => button.text() === '+ Add a step')!.trigger('click');
    expect(preview(view)[2]).toBe('After 12 min 30 s: page nobody yet.');
    await view.find('select[name="repeat"]').setValue('0');
    expect(preview(view)).toHaveLength(3);
    expect(step(view, 3).find('legend').text()).toBe('Then stop escalating after');
  });

  it('shows the server’s refusal with the step numbers the screen uses', async () => {
    const { routes } = serve('admin');
    routes['PUT /api/v1/escalation-policies/p-1'] = () =>
      errorResponse(400, 'bad_request', 'steps.1.targets.0.id: Dana Scully is deactivated; only active responders and admins may be paged');
    const { view } = await open('/policies/p-1');
    await view.find('form[aria-label="Escalation policy"]').trigger('submit');
    await vi.waitFor(() => expect(view.find('[role="alert"]').exists()).toBe(true));
    expect(view.find('[role="alert"]').text()).toBe(
      'Step 2, target 1: Dana Scully is deactivated; only active responders and admins may be paged',
    );
  });

  it('creates a policy and opens it', async () => {
    const { requests } = serve('admin');
    const { view, router } = await open('/policies/new');
    expect(view.find('h1').text()).toBe('New escalation policy');
    expect(preview(view)).toEqual(['At once: page nobody yet.']);

    await view.find('input[name="name"]').setValue('Night shift');
    await step(view, 1).find('input[type="search"]').setValue('primary');
    await step(view, 1).find('.options button').trigger('click');
    const post = await submit(view, requests, 'POST');

    expect(post.body).toEqual({ name: 'Night shift', repeat: 0, steps: [{ delaySeconds: 300, targets: [{ type: 'schedule', id: 'sch-primary' }] }] });
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/policies/p-new'));
    await vi.waitFor(() => expect(view.find('h1').text()).toBe('Night shift'));
    expect(view.find('button[type="submit"]').text()).toBe('Save changes');
    expect(view.find('[role="alert"]').exists()).toBe(false);
  });

  it('lists the services using a policy and will not offer to delete it', async () => {
    serve('admin', { ...policy, serviceIds: ['svc-1', 'svc-2'] });
    const { view } = await open('/policies/p-1');

    const links = view.findAll('.usage a');
    expect(links.map((link) => [link.text(), link.attributes('href')])).toEqual([
      ['Checkout API', '/services/svc-1'],
      ['Search', '/services/svc-2'],
    ]);
    expect(view.find('#delete-blocked').text()).toBe('Checkout API and Search page through this policy: choose another policy on them first.');
    const remove = view.findAll('button').find((button) => button.text() === 'Delete policy')!;
    expect(remove.attributes('disabled')).toBeDefined();
  });

  it('shows the services using it when the server refuses a delete', async () => {
    const { routes, requests } = serve('admin');
    let reads = 0;
    routes['GET /api/v1/escalation-policies/p-1'] = () => jsonResponse(200, { ...policy, serviceIds: reads++ === 0 ? [] : ['svc-1'] });
    routes['DELETE /api/v1/escalation-policies/p-1'] = () =>
      errorResponse(409, 'conflict', 'escalation policy Payments on call is used by 1 service(s); point them elsewhere first');
    const { view, router } = await open('/policies/p-1');
    expect(view.find('.usage').text()).toContain('None yet');

    await view.findAll('button').find((button) => button.text() === 'Delete policy')!.trigger('click');
    await view.findAll('button').find((button) => button.text() === 'Delete for good')!.trigger('click');
    await vi.waitFor(() => expect(view.find('[role="alert"]').exists()).toBe(true));

    expect(sent(requests, 'DELETE')).toHaveLength(1);
    expect(view.find('[role="alert"]').text()).toBe('Escalation policy Payments on call is used by 1 service(s); point them elsewhere first');
    expect(view.find('.usage a').attributes('href')).toBe('/services/svc-1');
    expect(view.find('#delete-blocked').text()).toContain('Checkout API pages through this policy');
    expect(router.currentRoute.value.fullPath).toBe('/policies/p-1');
  });

  it('deletes an unused policy after a second tap and goes back to the list', async () => {
    const { requests } = serve('admin');
    const { view, router } = await open('/policies/p-1');
    await view.findAll('button').find((button) => button.text() === 'Delete policy')!.trigger('click');
    expect(sent(requests, 'DELETE')).toHaveLength(0);
    await view.findAll('button').find((button) => button.text() === 'Delete for good')!.trigger('click');
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/policies'));
    expect(sent(requests, 'DELETE')[0].path).toBe('/api/v1/escalation-policies/p-1');
  });

  it('is read-only for everyone but admins', async () => {
    serve('responder', { ...policy, serviceIds: ['svc-1'] });
    const { view } = await open('/policies/p-1');

    expect(view.find('h1').text()).toBe('Payments on call');
    expect(view.text()).toContain('Cards and refunds');
    expect(preview(view)[1]).toBe('After 5 min: page Dana Scully.');
    expect(view.find('.usage a').text()).toBe('Checkout API');
    expect(view.find('form').exists()).toBe(false);
    expect(view.findAll('main input, main select, main textarea, main button')).toHaveLength(0);
    expect(view.text()).toContain('Only admins can change escalation policies.');
  });
});
