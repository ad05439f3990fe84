import type { VueWrapper } from '@vue/test-utils';
import type { Router } from 'vue-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Drill } from '../../shared/api/drills';
import { drillTemplates } from '../../shared/domain/drills';
import { drillFixture, drillScenario } from '../testing/drill-fixtures';
import { jsonResponse, stubFetch } from '../testing/fetch-stub';
import { ada } from '../testing/fixtures';
import { mountAppAt } from '../testing/mount-app';

let wrapper: VueWrapper | undefined;
afterEach(() => {
  wrapper?.unmount();
  vi.unstubAllGlobals();
});

const bob = { ...ada, id: 'u-bob', name: 'Bob', email: 'bob@example.com' };
const vic = { ...ada, id: 'u-vic', name: 'Vic', email: 'vic@example.com', role: 'viewer' as const };
const templates = drillTemplates.map((template) => ({ ...template, durationSeconds: Math.max(...template.injects.map((i) => i.afterSeconds)) }));

function serve(drills: Drill[]) {
  return stubFetch({
    'GET /api/v1/me': () => jsonResponse(200, { user: ada }),
    'GET /api/v1/drills': () => jsonResponse(200, { items: drills }),
    'GET /api/v1/drills/scenarios': () => jsonResponse(200, { items: [drillScenario()], templates }),
    'GET /api/v1/services': () => jsonResponse(200, { items: [{ id: 'svc-1', name: 'Checkout', archivedAt: null }, { id: 'svc-2', name: 'Search', archivedAt: null }] }),
    'GET /api/v1/users': () => jsonResponse(200, { items: [ada, bob, vic] }),
    'POST /api/v1/drills': (req) => jsonResponse(201, drillFixture({ id: 'drill-new', ...(req.body as object), status: 'running' } as Partial<Drill>)),
    'POST /api/v1/drills/scenarios': () => jsonResponse(201, drillScenario({ id: 'scn-2', name: 'Bad deploy', serviceName: 'Search' })),
    'GET /api/v1/drills/drill-new': () => jsonResponse(200, drillFixture({ id: 'drill-new' })),
  });
}

const headings = (view: VueWrapper) => view.findAll('h2').map((node) => node.text());
const button = (view: VueWrapper, label: string) => view.findAll('button').find((node) => node.text() === label);

describe('drills screen', () => {
  it('shows live drills first with their incident, then the calendar soonest first, scenarios and the history with scores', async () => {
    serve([
      drillFixture({ id: 'late', status: 'scheduled', name: 'Later game day', startsAt: '2027-01-20T14:00:00.000Z', startedAt: null, incidentId: null, remindMinutesBefore: 60, participants: null }),
      drillFixture({ id: 'past', status: 'finished', score: 74, endedAt: '2026-11-01T10:12:00.000Z', startedAt: '2026-11-01T10:00:00.000Z' }),
      drillFixture({ id: 'soon', status: 'scheduled', name: 'Soon game day', startsAt: '2027-01-10T14:00:00.000Z', startedAt: null, incidentId: null, remindMinutesBefore: 0 }),
      drillFixture({ id: 'live', status: 'paused', nextInjectAt: null }),
    ]);
    ({ wrapper } = await mountAppAt('/drills'));
    await vi.waitFor(() => expect(headings(wrapper!)).toEqual(['Live now', 'Game-day calendar', 'Scenarios', 'History']));
    const live = wrapper.find('[aria-labelledby="live-heading"]');
    expect(live.text()).toContain('DRILL');
    expect(live.text()).toContain('Paused · 1 of 5 injects');
    expect(live.find('a[href="/incidents/inc-9"]').text()).toBe('Open incident #9');

    const calendar = wrapper.find('[aria-labelledby="calendar-heading"]').findAll('li').map((item) => item.text());
    expect(calendar[0]).toContain('Soon game day');
    expect(calendar[0]).toContain('Pages Bob');
    expect(calendar[0]).toContain('No reminder');
    expect(calendar[1]).toContain('Later game day');
    expect(calendar[1]).toContain('Pages the whole escalation chain');
    expect(calendar[1]).toContain('Reminder 1 h before');

    expect(wrapper.find('[aria-labelledby="history-heading"]').text()).toContain('Score 74');
    expect(wrapper.find('[aria-labelledby="history-heading"]').text()).toContain('took 12 min');
  });

  it('starts a scenario now in one tap with the ticked participants, and opens the drill', async () => {
    const { requests } = serve([]);
    let router: Router;
    ({ wrapper, router } = await mountAppAt('/drills'));
    await vi.waitFor(() => expect(button(wrapper!, 'Participants & schedule…')).toBeDefined());
    await button(wrapper, 'Participants & schedule…')!.trigger('click');
    await vi.waitFor(() => expect(wrapper!.find('#participant-scn-1-u-bob').exists()).toBe(true));
    // A viewer cannot be paged: shown, not pickable.
    expect(wrapper.find('#participant-scn-1-u-vic').attributes('disabled')).toBeDefined();
    await wrapper.find('#participant-scn-1-u-bob').setValue(true);
    await button(wrapper, 'Start drill now · 1 participant')!.trigger('click');
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/drills/drill-new'));
    expect(requests.filter((req) => req.method === 'POST').map((req) => req.body)).toEqual([{ scenarioId: 'scn-1', participants: ['u-bob'] }]);
  });

  it('schedules a scenario with a reminder, refusing a time in the past', async () => {
    const { requests, routes } = serve([]);
    routes['POST /api/v1/drills'] = (req) =>
      jsonResponse(201, drillFixture({ id: 'drill-later', status: 'scheduled', startedAt: null, incidentId: null, ...(req.body as Partial<Drill>) }));
    ({ wrapper } = await mountAppAt('/drills'));
    await vi.waitFor(() => expect(button(wrapper!, 'Participants & schedule…')).toBeDefined());
    await button(wrapper, 'Participants & schedule…')!.trigger('click');
    const schedule = () => button(wrapper!, 'Schedule…')!;
    expect(schedule().attributes('disabled')).toBeDefined();
    await wrapper.find('input[name="starts-scn-1"]').setValue('2020-01-01T10:00');
    expect(wrapper.text()).toContain('Pick a time in the future (or start it now).');
    expect(schedule().attributes('disabled')).toBeDefined();

    await wrapper.find('input[name="starts-scn-1"]').setValue('2099-03-02T14:30');
    await wrapper.find('input[name="remind-scn-1"]').setValue('30');
    await schedule().trigger('click');
    await vi.waitFor(() => expect(wrapper!.text()).toContain('Scheduled “Database outage” for'));
    // The wall-clock time typed is the device's zone; the API gets the instant.
    expect(requests.filter((req) => req.method === 'POST').map((req) => req.body)).toEqual([
      { scenarioId: 'scn-1', startsAt: new Date('2099-03-02T14:30').toISOString(), remindMinutesBefore: 30 },
    ]);
  });

  it('copies a built-in template for the chosen service', async () => {
    const { requests } = serve([]);
    ({ wrapper } = await mountAppAt('/drills'));
    await vi.waitFor(() => expect(wrapper!.find('select[name="template-service"] option[value="svc-2"]').exists()).toBe(true));
    expect(wrapper.findAll('button').filter((node) => node.text() === 'Use template')).toHaveLength(4);
    await wrapper.find('select[name="template-service"]').setValue('svc-2');
    await wrapper.find('button[aria-label="Use template Bad deploy"]').trigger('click');
    await vi.waitFor(() => expect(wrapper!.text()).toContain('Added the scenario “Bad deploy” for Search.'));
    expect(requests.filter((req) => req.method === 'POST').map((req) => req.body)).toEqual([{ template: 'bad-deploy', serviceId: 'svc-2' }]);
  });

  it('says drills need a connection when offline', async () => {
    stubFetch({ 'GET /api/v1/me': () => jsonResponse(200, { user: ada }) });
    ({ wrapper } = await mountAppAt('/drills'));
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.waitFor(() => expect(wrapper!.text()).toContain('Offline · drills need a connection to the Muster server.'));
  });
});
