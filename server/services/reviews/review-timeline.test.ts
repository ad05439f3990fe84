import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../../../shared/api/incidents';
import { generateReviewTimeline } from './review-timeline';

const ada = { id: 'u-ada', name: 'Ada' };
const bob = { id: 'u-bob', name: 'Bob' };
let seq = 0;
const event = (type: TimelineEvent['type'], data: Record<string, unknown>, actor = ada): TimelineEvent => ({
  id: `e${++seq}`,
  type,
  at: `2026-12-02T03:0${seq}:00.000Z`,
  actor: { type: 'user', ...actor },
  data,
});

describe('the review timeline', () => {
  it('words role handoffs, phases and added responders as the events record them, and leaves paging out', () => {
    const lines = generateReviewTimeline([
      event('role_changed', { role: 'commander', from: null, to: ada }),
      event('paged', { user: 'Bob' }),
      event('role_changed', { role: 'commander', from: ada, to: bob }),
      event('role_changed', { role: 'experts', added: [bob], removed: [ada] }),
      event('role_changed', { role: 'scribe', from: bob, to: null }),
      event('phase_changed', { from: 'response', to: 'resolution' }),
      event('responders_added', { users: [bob], via: { type: 'user', ...bob } }),
      event('status_update', { text: 'Rolled back.', audience: 'stakeholders' }),
    ]);
    expect(lines.map((line) => line.text)).toEqual([
      'Ada became Incident Commander',
      'Ada handed Incident Commander to Bob',
      'Ada added Bob as Subject Matter Expert; Ada removed Ada as Subject Matter Expert',
      'Ada removed Bob as Scribe',
      'Ada moved the incident to Resolution',
      'Ada paged Bob into the incident',
      'Status update (stakeholders): Rolled back.',
    ]);
    expect(lines[0]).toEqual({ at: '2026-12-02T03:01:00.000Z', text: 'Ada became Incident Commander', eventId: 'e1' });
  });
});
