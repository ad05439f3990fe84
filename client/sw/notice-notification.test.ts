import { describe, expect, it } from 'vitest';
import type { NoticePayload } from '../../shared/api/push';
import { notificationFor } from './notification-content';

const notice: NoticePayload = {
  type: 'notice',
  incidentId: 'inc-12',
  title: 'Update on #12 · Checkout API',
  body: 'Rolled back; error rate falling.',
  url: '/incidents/inc-12',
  tag: 'update-ev-1',
};

describe('notice notifications', () => {
  it('shows a status update as an ordinary notification that opens the incident, with no Acknowledge', () => {
    const { title, options } = notificationFor(notice);
    expect(title).toBe('Update on #12 · Checkout API');
    expect(options).toMatchObject({ body: 'Rolled back; error rate falling.', tag: 'update-ev-1', data: { url: '/incidents/inc-12', incidentId: 'inc-12' } });
    expect(options.actions ?? []).toEqual([]);
    expect(options.requireInteraction).toBeFalsy();
    expect(options.tag).not.toBe('incident-inc-12');
  });

  it('falls back for a notice without the fields it needs', () => {
    expect(notificationFor({ type: 'notice', incidentId: 'x' }).title).toBe('Muster');
  });
});
