import type { VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Drill } from '../../shared/api/drills';
import { drillFixture, drillReportFixture } from '../testing/drill-fixtures';
import { errorResponse, jsonResponse, stubFetch, type RecordedRequest } from '../testing/fetch-stub';
import { ada } from '../testing/fixtures';
import { mountAppAt } from '../testing/mount-app';

let wrapper: VueWrapper | undefined;
afterEach(() => {
  wrapper?.unmount();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

function serve(drill: Drill, user = ada) {
  let current = drill;
  const stub = stubFetch({
    'GET /api/v1/me': () => jsonResponse(200, { user }),
    [`GET /api/v1/drills/${drill.id}`]: () => jsonResponse(200, current),
    [`GET /api/v1/drills/${drill.id}/report`]: () => jsonResponse(200, drillReportFixture()),
  });
  const answer = (control: string, next: Partial<Drill>) =>
    (stub.routes[`POST /api/v1/drills/${drill.id}/${control}`] = () => jsonResponse(200, (current = { ...current, ...next })));
  return { ...stub, answer };
}
const posts = (requests: RecordedRequest[]) => requests.filter((req) => req.method === 'POST').map((req) => req.path);
const button = (view: VueWrapper, label: string) => view.findAll('button').find((node) => node.text() === label);

describe('drill screen while it runs', () => {
  it('counts down to the next inject each second, ticks delivered ones and says DRILL', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    vi.setSystemTime(new Date('2026-12-06T10:00:30.000Z'));
    serve(drillFixture());
    ({ wrapper } = await mountAppAt('/drills/drill-1'));
    await vi.waitFor(() => expect(wrapper!.find('[data-test="countdown"]').exists()).toBe(true));
    expect(wrapper.find('.drill-banner').text()).toBe('DRILL — game-day exercise, not a real incident');
    expect(wrapper.find('[data-test="countdown"]').text()).toBe('Next inject in 1:30');
    vi.advanceTimersByTime(1000);
    await wrapper.vm.$nextTick();
    expect(wrapper.find('[data-test="countdown"]').text()).toBe('Next inject in 1:29');

    expect(wrapper.find('[data-test="inject-0"]').classes()).toContain('done');
    expect(wrapper.find('[data-test="inject-0"]').text()).toContain('(delivered)');
    // Due as scripted (no pauses yet), in the reader's own zone.
    const dueAt = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' }).format(new Date('2026-12-06T10:02:00.000Z'));
    expect(wrapper.find('[data-test="inject-1"]').text().replace(/\s+/g, ' ')).toMatch(new RegExp(`^▸ \\+2:00 · due ${dueAt} · Alert`));
    expect(wrapper.find('[data-test="inject-1"]').text()).toContain('(next)');
    expect(wrapper.find('a[href="/incidents/inc-9"]').text()).toBe('Open drill incident #9');
  });

  it('pauses, resumes and advances through the API, offering only what the shared rule allows', async () => {
    const { requests, answer } = serve(drillFixture());
    ({ wrapper } = await mountAppAt('/drills/drill-1'));
    await vi.waitFor(() => expect(button(wrapper!, 'Pause')).toBeDefined());
    expect(button(wrapper, 'Resume')).toBeUndefined();

    answer('pause', { status: 'paused', pausedAt: '2026-12-06T10:01:00.000Z', nextInjectAt: null });
    await button(wrapper, 'Pause')!.trigger('click');
    await vi.waitFor(() => expect(wrapper!.find('[data-test="status"]').text()).toBe('Paused'));
    expect(wrapper.find('[data-test="countdown"]').text()).toBe('Paused: the script waits until you resume.');
    expect(button(wrapper, 'Pause')).toBeUndefined();

    answer('resume', { status: 'running', pausedAt: null, nextInjectAt: '2026-12-06T10:03:00.000Z' });
    await button(wrapper, 'Resume')!.trigger('click');
    await vi.waitFor(() => expect(wrapper!.find('[data-test="status"]').text()).toBe('Running'));

    answer('advance', { injectsDone: 5, nextInjectAt: null });
    await button(wrapper, 'Advance to next inject')!.trigger('click');
    await vi.waitFor(() => expect(wrapper!.find('[data-test="countdown"]').text()).toBe('Every inject delivered: resolve the incident to end the drill.'));
    expect(button(wrapper, 'Advance to next inject')!.attributes('disabled')).toBeDefined();
    expect(posts(requests)).toEqual(['/api/v1/drills/drill-1/pause', '/api/v1/drills/drill-1/resume', '/api/v1/drills/drill-1/advance']);
  });

  it('aborts only after a second, confirming tap, and shows a refusal', async () => {
    const { requests, routes } = serve(drillFixture());
    routes['POST /api/v1/drills/drill-1/abort'] = () => errorResponse(409, 'conflict', 'cannot abort drill "Database outage": the drill is already finished');
    ({ wrapper } = await mountAppAt('/drills/drill-1'));
    await vi.waitFor(() => expect(button(wrapper!, 'Abort drill')).toBeDefined());
    await button(wrapper, 'Abort drill')!.trigger('click');
    expect(posts(requests)).toEqual([]);
    expect(wrapper.text()).toContain('Abort stops all paging');
    await button(wrapper, 'Abort now')!.trigger('click');
    await vi.waitFor(() => expect(wrapper!.find('[role="alert"]').text()).toBe('Cannot abort drill "Database outage": the drill is already finished'));
    expect(posts(requests)).toEqual(['/api/v1/drills/drill-1/abort']);
  });

  it('offers no controls to a viewer', async () => {
    serve(drillFixture(), { ...ada, role: 'viewer' });
    ({ wrapper } = await mountAppAt('/drills/drill-1'));
    await vi.waitFor(() => expect(wrapper!.find('[data-test="countdown"]').exists()).toBe(true));
    expect(button(wrapper, 'Pause')).toBeUndefined();
    expect(button(wrapper, 'Abort drill')).toBeUndefined();
  });
});

describe('scorecard', () => {
  it('shows the score, each measure against previous and best in words, acknowledge times and pages to fix', async () => {
    serve(drillFixture({ status: 'finished', endedAt: '2026-12-06T10:12:00.000Z', injectsDone: 5, nextInjectAt: null, score: 82 }));
    ({ wrapper } = await mountAppAt('/drills/drill-1'));
    await vi.waitFor(() => expect(wrapper!.find('[data-test="score"]').exists()).toBe(true));
    expect(wrapper.find('[data-test="score"]').text()).toBe('82 / 100');
    expect(button(wrapper, 'Pause')).toBeUndefined();

    const measure = (key: string) => wrapper!.find(`[data-test="measure-${key}"]`);
    expect(measure('acknowledged').text()).toBe('Time to acknowledge1 min 35 sPrevious 3 min: betterBest 1 min: worse');
    expect(measure('acknowledged').find('.better').text()).toBe('Previous 3 min: better');
    expect(measure('acknowledged').find('.worse').text()).toBe('Best 1 min: worse');
    expect(measure('commanderAssigned').text()).toContain('never');
    expect(measure('commanderAssigned').text()).toContain('Previous 4 min: worse');
    // Higher is better here: the same as last time, below the best.
    expect(measure('runbookSteps').text()).toContain('Previous 50 %: same');
    expect(measure('runbookSteps').text()).toContain('Best 75 %: worse');
    expect(measure('escalations').text()).toContain('Nothing earlier to compare');

    expect(wrapper.find('[data-test="ack-u-bob"]').text()).toBe('Bob: acknowledged after 1 min 35 s');
    expect(wrapper.find('[data-test="ack-u-cy"]').text()).toBe('Cy: never reached');
    expect(wrapper.text()).toContain("fix: Cy's Pixel — 410 gone");
    const exportLink = wrapper.findAll('a').find((link) => link.text() === 'Export Markdown')!;
    expect(exportLink.attributes('href')).toBe('/api/v1/drills/drill-1/report.md');
  });

  it('says so when offline', async () => {
    serve(drillFixture());
    ({ wrapper } = await mountAppAt('/drills/drill-1'));
    await vi.waitFor(() => expect(wrapper!.find('h1').text()).toBe('Database outage'));
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.waitFor(() => expect(wrapper!.text()).toContain('Offline · a drill is steered through the Muster server'));
  });
});
