import { type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IncidentDetail } from '../../../shared/api/incidents';
import { ada, incidentDetail, timelineEvent } from '../../testing/fixtures';
import { errorResponse, jsonResponse, stubFetch, type RecordedRequest } from '../../testing/fetch-stub';
import { mountAppAt } from '../../testing/mount-app';
import { resetOfflineDb } from '../../testing/offline-db';

let wrapper: VueWrapper | undefined;
beforeEach(resetOfflineDb);
afterEach(() => {
  wrapper?.unmount();
  vi.unstubAllGlobals();
});

const bob = { ...ada, id: 'u-bob', name: 'Bob Builder', email: 'bob@example.com' };
const gone = { ...ada, id: 'u-gone', name: 'Gina Gone', email: 'gina@example.com', active: false };
const dbPolicy = { id: 'p-db', name: 'Database on-call', description: '', repeat: 0, steps: [{ delaySeconds: 300, targets: [{ type: 'user', id: 'u-bob' }] }], serviceIds: [], createdAt: ada.createdAt };

function serve(incident: IncidentDetail) {
  let current = incident;
  const stub = stubFetch({
    'GET /api/v1/me': () => jsonResponse(200, { user: ada }),
    [`GET /api/v1/incidents/${incident.id}`]: () => jsonResponse(200, current),
    'GET /api/v1/users': () => jsonResponse(200, { items: [ada, bob, gone] }),
    'GET /api/v1/escalation-policies': () => jsonResponse(200, { items: [dbPolicy] }),
  });
  const answer = (changes: Partial<IncidentDetail>, type: IncidentDetail['timeline'][number]['type'], data: Record<string, unknown>) => {
    current = { ...current, ...changes, timeline: [...current.timeline, timelineEvent(type, data)] };
    return jsonResponse(200, current);
  };
  return { ...stub, answer };
}

async function open(incident: IncidentDetail) {
  ({ wrapper } = await mountAppAt(`/incidents/${incident.id}`));
  await vi.waitFor(() => expect(wrapper!.find('h1').exists()).toBe(true));
  return wrapper;
}

const paging = (view: VueWrapper) => view.find('section[aria-label="Paging actions"]');
const button = (view: VueWrapper, label: string | RegExp) =>
  view.findAll('button').find((candidate) => (typeof label === 'string' ? candidate.text() === label : label.test(candidate.text())));
const posts = (requests: RecordedRequest[]) => requests.filter((req) => req.method === 'POST');

describe('paging actions', () => {
  it('offers what the status allows: reassign while open, snooze only when acknowledged, reopen only when resolved', async () => {
    serve(incidentDetail({ status: 'triggered' }));
    let view = await open(incidentDetail());
    expect(paging(view).findAll('button').map((b) => b.text())).toEqual(['Reassign…']);
    view.unmount();

    serve(incidentDetail({ status: 'acknowledged' }));
    view = await open(incidentDetail());
    await vi.waitFor(() => expect(paging(view).findAll('button').map((b) => b.text())).toEqual(['15 min', '30 min', '1 h', '4 h', 'Reassign…']));
    view.unmount();

    serve(incidentDetail({ status: 'resolved' }));
    view = await open(incidentDetail());
    await vi.waitFor(() => expect(paging(view).findAll('button').map((b) => b.text())).toEqual(['Reopen and page again']));
  });

  it('reassigns through a searchable picker of people and policies, sent once with an Idempotency-Key', async () => {
    const incident = incidentDetail({ status: 'acknowledged', phase: 'response' });
    const { requests, routes, answer } = serve(incident);
    routes[`POST /api/v1/incidents/${incident.id}/reassign`] = () =>
      answer({ status: 'triggered', acknowledgedBy: null }, 'reassigned', { to: { type: 'policy', id: 'p-db', name: 'Database on-call' }, from: 'acknowledged' });
    const view = await open(incident);

    await button(view, 'Reassign…')!.trigger('click');
    await vi.waitFor(() => expect(view.find('input[name="reassign-search"]').exists()).toBe(true));
    const sheet = view.find('[role="dialog"]');
    expect(sheet.text()).toContain('the incident is triggered again until they acknowledge');
    expect(sheet.findAll('.option-name').map((n) => n.text())).toEqual(['Ada Lovelace', 'Bob Builder', 'Database on-call', 'Gina Gone']);
    expect(sheet.text()).toContain('cannot be assigned: deactivated');
    expect(button(view, 'Pick someone')!.attributes('disabled')).toBeDefined();

    await view.find('input[name="reassign-search"]').setValue('data');
    expect(sheet.findAll('.option-name').map((n) => n.text())).toEqual(['Database on-call']);
    await sheet.find('button.option').trigger('click');
    await button(view, 'Reassign to Database on-call')!.trigger('click');

    await vi.waitFor(() => expect(posts(requests)).toHaveLength(1));
    await vi.waitFor(() => expect(view.find('.not-sent').exists()).toBe(false));
    expect(posts(requests)[0]).toMatchObject({ path: `/api/v1/incidents/${incident.id}/reassign`, body: { policyId: 'p-db' } });
    expect(posts(requests)[0].headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
    expect(view.find('[role="dialog"]').exists()).toBe(false);
    expect(view.find('.status-badge').text()).toBe('Triggered');
    expect(view.findAll('.timeline .headline').map((n) => n.text())).toContain('Ada Lovelace reassigned the incident to escalation policy Database on-call');
  });

  it('snoozes for a chosen time and says until when', async () => {
    const incident = incidentDetail({ status: 'acknowledged', phase: 'response' });
    const { requests, routes, answer } = serve(incident);
    let until = '';
    routes[`POST /api/v1/incidents/${incident.id}/snooze`] = (req) => {
      const minutes = (req.body as { minutes: number }).minutes;
      until = new Date(Date.now() + minutes * 60_000).toISOString();
      return answer({ snoozedUntil: until }, 'snoozed', { minutes, until });
    };
    const view = await open(incident);

    await button(view, '30 min')!.trigger('click');
    await vi.waitFor(() => expect(posts(requests)).toHaveLength(1));
    expect(posts(requests)[0].body).toEqual({ minutes: 30 });
    await vi.waitFor(() => expect(view.find('.snoozed').exists()).toBe(true));
    const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' }).format(new Date(until));
    expect(view.find('.snoozed').text()).toContain(`Snoozed until ${clock}`);
    expect(paging(view).find('[role="group"]').attributes('aria-label')).toBe('Snooze again for');
  });

  it('reopens a resolved incident, and shows a refusal instead of keeping the change', async () => {
    const incident = incidentDetail({ status: 'resolved', phase: 'recovery', resolvedAt: new Date().toISOString() });
    const { routes } = serve(incident);
    // Someone else reopened it meanwhile: the server refuses this one and now reports it triggered.
    routes[`POST /api/v1/incidents/${incident.id}/reopen`] = () => {
      routes[`GET /api/v1/incidents/${incident.id}`] = () => jsonResponse(200, { ...incident, status: 'triggered', phase: 'triage', resolvedAt: null });
      return errorResponse(409, 'conflict', 'cannot reopen incident #7: it is triggered, not resolved');
    };
    const view = await open(incident);

    await button(view, 'Reopen and page again')!.trigger('click');
    await vi.waitFor(() => expect(view.find('[role="alert"]').exists()).toBe(true));
    expect(view.find('[role="alert"] .headline').text()).toBe('Your reopening was not applied');
    expect(view.find('[role="alert"] .reason').text()).toBe('Cannot reopen incident #7: it is triggered, not resolved');
    expect(view.findAll('.timeline .headline').map((n) => n.text())).not.toContain('Ada Lovelace reopened the incident');
  });
});
