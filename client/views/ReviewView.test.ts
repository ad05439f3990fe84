import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Review } from '../../shared/api/review';
import { ada, incidentDetail } from '../testing/fixtures';
import { errorResponse, jsonResponse, stubFetch } from '../testing/fetch-stub';
import { mountAppAt } from '../testing/mount-app';
import { resetOfflineDb } from '../testing/offline-db';

let wrapper: VueWrapper | undefined;
beforeEach(resetOfflineDb);
afterEach(() => {
  wrapper?.unmount();
  vi.unstubAllGlobals();
});

const bob = { ...ada, id: 'u-bob', name: 'Bob Builder' };
const incident = incidentDetail({ status: 'resolved', phase: 'recovery' });

function reviewFixture(overrides: Partial<Review> = {}): Review {
  return {
    incidentId: incident.id,
    content: { summary: '', usersAffected: '', highlights: [], contributingFactors: [], wentWell: '', wasHard: '' },
    impact: {
      usersAffected: '',
      durationSeconds: 45 * 60,
      timeToMitigateSeconds: null,
      startedAt: '2026-03-02T03:00:00.000Z',
      detectedAt: '2026-03-02T03:00:00.000Z',
      acknowledgedAt: '2026-03-02T03:02:00.000Z',
      mitigatedAt: null,
      resolvedAt: '2026-03-02T03:45:00.000Z',
    },
    generatedTimeline: [
      { at: '2026-03-02T03:00:00.000Z', text: 'Incident opened by Ada Lovelace as SEV-2', eventId: 'e1' },
      { at: '2026-03-02T03:45:00.000Z', text: 'Ada Lovelace resolved the incident', eventId: 'e2' },
    ],
    actionItems: [],
    linkedIncidents: [],
    completedAt: null,
    updatedAt: null,
    updatedBy: null,
    ...overrides,
  };
}

function serve(review: Review, routes: Parameters<typeof stubFetch>[0] = {}) {
  return stubFetch({
    'GET /api/v1/me': () => jsonResponse(200, { user: ada }),
    'GET /api/v1/users': () => jsonResponse(200, { items: [ada, bob] }),
    [`GET /api/v1/incidents/${incident.id}`]: () => jsonResponse(200, incident),
    [`GET /api/v1/incidents/${incident.id}/review`]: () => jsonResponse(200, review),
    ...routes,
  });
}

async function open() {
  ({ wrapper } = await mountAppAt(`/incidents/${incident.id}/review`));
  await vi.waitFor(() => expect(wrapper!.find('textarea').exists()).toBe(true));
  return wrapper;
}

const button = (view: VueWrapper, label: string) => {
  const found = view.findAll('button').find((b) => b.text() === label);
  if (!found) throw new Error(`no button “${label}” among ${view.findAll('button').map((b) => b.text()).join(', ')}`);
  return found;
};

describe('review editor', () => {
  it('starts from the generated timeline and the computed duration; text renders as text', async () => {
    serve(reviewFixture({ generatedTimeline: [{ at: '2026-03-02T03:00:00.000Z', text: '<img src=x onerror=alert(1)>', eventId: 'e1' }] }));
    const view = await open();
    expect(view.text()).toContain('Duration: 45 min');
    const lines = view.findAll('ol textarea').map((input) => (input.element as HTMLInputElement).value);
    expect(lines).toEqual(['<img src=x onerror=alert(1)>']);
    expect(view.find('img').exists()).toBe(false);
    // Highlights are one line each, as the API wants them: a pasted line break becomes a space.
    await view.find('#highlight-0').setValue('Gateway\ntimed out');
    expect((view.find('#highlight-0').element as HTMLTextAreaElement).value).toBe('Gateway timed out');
    expect(view.find('a[download]').attributes('href')).toBe(`/api/v1/incidents/${incident.id}/review.md`);
  });

  it('warns when a contributing factor only names a person, before sending', async () => {
    serve(reviewFixture());
    const view = await open();
    await view.find('#factor-0').setValue('bob builder');
    expect(view.text()).toContain('“bob builder” names a person');
    await view.find('#factor-0').setValue('The deploy skipped the canary');
    expect(view.text()).not.toContain('names a person');
  });

  it('saves content and action items with the version it started from, then completes', async () => {
    const saved = reviewFixture({
      content: { summary: 'Card payments failed', usersAffected: '1,200', highlights: [], contributingFactors: ['Timeout too short'], wentWell: '', wasHard: '' },
      updatedAt: '2026-03-02T04:00:00.000Z',
      updatedBy: { id: ada.id, name: ada.name },
    });
    const server = serve(reviewFixture({ updatedAt: '2026-03-02T03:50:00.000Z' }), {
      [`PUT /api/v1/incidents/${incident.id}/review`]: () => jsonResponse(200, saved),
      [`POST /api/v1/incidents/${incident.id}/review/complete`]: () => jsonResponse(200, { ...saved, completedAt: '2026-03-02T04:01:00.000Z' }),
    });
    const view = await open();
    await view.findAll('textarea')[0].setValue('Card payments failed');
    await view.find('#factor-0').setValue('Timeout too short');
    await button(view, '+ Add an action item').trigger('click');
    await view.find('#item-title-0').setValue('Raise the timeout');
    await view.find('.items select').setValue(bob.id);
    await button(view, 'Complete the review').trigger('click');
    await flushPromises();
    const put = server.requests.find((r) => r.method === 'PUT');
    expect(put?.body).toMatchObject({
      content: { summary: 'Card payments failed', contributingFactors: ['Timeout too short'], highlights: [expect.objectContaining({ eventId: 'e1' }), expect.objectContaining({ eventId: 'e2' })] },
      actionItems: [{ title: 'Raise the timeout', ownerId: bob.id, dueDate: null, status: 'open' }],
      baseUpdatedAt: '2026-03-02T03:50:00.000Z',
    });
    expect(put?.headers.get('Idempotency-Key')).toBeTruthy();
    await vi.waitFor(() => expect(view.text()).toContain('Review completed'));
    expect(view.findAll('button').map((b) => b.text())).toContain('Reopen to edit');
  });

  it('shows who saved meanwhile on a 409 and reloads their version on request', async () => {
    let version = reviewFixture({ updatedAt: '2026-03-02T03:50:00.000Z' });
    serve(version, {
      [`PUT /api/v1/incidents/${incident.id}/review`]: () =>
        errorResponse(409, 'conflict', 'Bob Builder saved this review at 2026-03-02T03:55:00.000Z after you opened it; reload to see their version before saving yours'),
      [`GET /api/v1/incidents/${incident.id}/review`]: () => jsonResponse(200, version),
    });
    const view = await open();
    await view.findAll('textarea')[0].setValue('Mine');
    await button(view, 'Save').trigger('click');
    await flushPromises();
    expect(view.find('.conflict').text()).toContain('Bob Builder saved this review at 2026-03-02T03:55:00.000Z');
    version = reviewFixture({ content: { ...version.content, summary: 'Bob’s summary' }, updatedAt: '2026-03-02T03:55:00.000Z' });
    await view.find('.conflict button').trigger('click');
    await flushPromises();
    expect((view.findAll('textarea')[0].element as HTMLTextAreaElement).value).toBe('Bob’s summary');
    expect(view.find('.conflict').exists()).toBe(false);
  });

  it('says plainly that saving needs a connection while offline', async () => {
    serve(reviewFixture());
    const view = await open();
    window.dispatchEvent(new Event('offline'));
    await flushPromises();
    await vi.waitFor(() => expect(view.text()).toContain('Offline: the review needs a connection to save'));
    expect(button(view, 'Save').attributes('disabled')).toBeDefined();
  });
});
