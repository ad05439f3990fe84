import type { VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DrillScenario } from '../../shared/api/drills';
import { drillScenario } from '../testing/drill-fixtures';
import { jsonResponse, stubFetch } from '../testing/fetch-stub';
import { ada } from '../testing/fixtures';
import { mountAppAt } from '../testing/mount-app';

let wrapper: VueWrapper | undefined;
afterEach(() => {
  wrapper?.unmount();
  vi.unstubAllGlobals();
});

function serve() {
  return stubFetch({
    'GET /api/v1/me': () => jsonResponse(200, { user: ada }),
    'GET /api/v1/drills/scenarios/scn-1': () => jsonResponse(200, drillScenario()),
    'GET /api/v1/services': () => jsonResponse(200, { items: [{ id: 'svc-1', name: 'Checkout', archivedAt: null }, { id: 'svc-2', name: 'Search', archivedAt: null }] }),
    'PUT /api/v1/drills/scenarios/scn-1': (req) => jsonResponse(200, { ...drillScenario(), ...(req.body as Partial<DrillScenario>) }),
  });
}

const save = (view: VueWrapper) => view.findAll('button').find((node) => node.text() === 'Save scenario')!;
const problem = (view: VueWrapper, index: number) => view.find(`[data-test="inject-problem-${index}"]`);

describe('scenario editor', () => {
  it('shows the shared inject rules inline under the inject they concern, and saves only when all pass', async () => {
    const { requests } = serve();
    ({ wrapper } = await mountAppAt('/drills/scenarios/scn-1'));
    await vi.waitFor(() => expect(wrapper!.findAll('.inject')).toHaveLength(5));
    expect((wrapper.find('input[name="inject-2-time"]').element as HTMLInputElement).value).toBe('2:00');
    expect(save(wrapper).attributes('disabled')).toBeUndefined();

    await wrapper.find('input[name="inject-2-time"]').setValue('2:75');
    expect(problem(wrapper, 1).text()).toBe('Time: write minutes:seconds, like 2:30 (or seconds, like 150)');
    await wrapper.find('input[name="inject-2-time"]').setValue('25:00:00');
    expect(problem(wrapper, 1).text()).toBe('Time: must be a whole number of seconds from 0 to 86400');
    await wrapper.find('textarea[name="inject-3-text"]').setValue('   ');
    expect(problem(wrapper, 2).text()).toBe('Text: must not be empty');
    expect(save(wrapper).attributes('disabled')).toBeDefined();

    // Fixed: the second inject moves to 12:00, after the last, and is saved in arrival order.
    await wrapper.find('input[name="inject-2-time"]').setValue('12:00');
    await wrapper.find('textarea[name="inject-3-text"]').setValue('Disk full on the primary');
    expect(wrapper.findAll('[data-test^="inject-problem"]')).toHaveLength(0);
    await wrapper.find('select[name="inject-3-kind"]').setValue('alert');
    await wrapper.find('form').trigger('submit');
    await vi.waitFor(() => expect(wrapper!.text()).toContain('Saved.'));
    const put = requests.find((req) => req.method === 'PUT')!.body as DrillScenario;
    expect(put.injects.map((inject) => [inject.afterSeconds, inject.kind])).toEqual([
      [0, 'alert'],
      [300, 'alert'],
      [420, 'escalate'],
      [600, 'resolve-signal'],
      [720, 'alert'],
    ]);
    expect(put.injects[1].text).toBe('Disk full on the primary');
  });

  it('needs at least one inject, and adds one a minute after the last', async () => {
    serve();
    ({ wrapper } = await mountAppAt('/drills/scenarios/scn-1'));
    await vi.waitFor(() => expect(wrapper!.findAll('.inject')).toHaveLength(5));
    for (let i = 5; i >= 1; i -= 1) await wrapper.find(`button[aria-label="Remove inject ${i}"]`).trigger('click');
    expect(wrapper.find('[data-test="injects-problem"]').text()).toBe('give at least one inject');
    expect(save(wrapper).attributes('disabled')).toBeDefined();
    const add = wrapper.findAll('button').find((node) => node.text() === '+ Add inject')!;
    await add.trigger('click');
    await add.trigger('click');
    expect((wrapper.find('input[name="inject-2-time"]').element as HTMLInputElement).value).toBe('1:00');
    expect(problem(wrapper, 0).text()).toBe('Text: must not be empty');
    expect(wrapper.find('[data-test="injects-problem"]').exists()).toBe(false);
  });
});
