import { describe, expect, it } from 'vitest';
import type { PagePayload } from '../../shared/api/push';
import { acknowledgedNotification, notificationFor, pageNotification, queuedNotification, refusedNotification } from './notification-content';

const page: PagePayload = {
  type: 'page',
  incidentId: 'inc-42',
  number: 42,
  title: 'Card payments fail',
  severity: 'SEV-1',
  service: 'Payments API',
  drill: false,
  ackToken: 'signed-token',
  url: 'https://muster.example.com/incidents/inc-42',
};

describe('page notifications', () => {
  it('leads with severity and service, and carries what the buttons need', () => {
    const { title, options } = pageNotification(page);
    expect(title).toBe('SEV-1 · Payments API');
    expect(options).toMatchObject({
      body: '#42 Card payments fail',
      tag: 'incident-inc-42',
      renotify: true,
      requireInteraction: true,
      actions: [
        { action: 'acknowledge', title: 'Acknowledge' },
        { action: 'open', title: 'Open' },
      ],
      data: page,
    });
  });

  it('says first why a direct page came (a new role, an added responder)', () => {
    const { options } = pageNotification({ ...page, reason: `You were added as Scribe on #${page.number}` });
    expect(options.body).toBe(`You were added as Scribe on #${page.number}\n#${page.number} ${page.title}`);
    expect(pageNotification(page).options.body).toBe(`#${page.number} ${page.title}`);
  });

  it('says DRILL first for a drill page', () => {
    expect(pageNotification({ ...page, drill: true }).title).toBe('DRILL · SEV-1 · Payments API');
    expect(acknowledgedNotification({ ...page, drill: true }).title).toBe('Acknowledged · DRILL · SEV-1 · Payments API');
  });

  it('replaces the page under the same tag once acknowledged, queued or refused', () => {
    for (const next of [acknowledgedNotification(page), queuedNotification(page), refusedNotification(page, 'the page token is expired')]) {
      expect(next.options.tag).toBe('incident-inc-42');
      expect(next.options.actions?.map((a) => a.action) ?? []).not.toContain('acknowledge');
    }
    expect(acknowledgedNotification(page).options.requireInteraction).toBeUndefined();
    expect(refusedNotification(page, 'the page token is expired').options.body).toBe('The page token is expired. Tap to open the incident.');
    expect(refusedNotification(page, 'the page token is expired').title).toBe('Not acknowledged · SEV-1 · Payments API');
    expect(refusedNotification(page, 'the incident is already resolved', true).title).toBe('Already handled · SEV-1 · Payments API');
  });

  it('always has something to show, even for a payload it cannot read', () => {
    expect(notificationFor({ type: 'test', title: 'Muster test page', url: '/settings', sentAt: '2026-03-02T03:00:00Z' }).title).toBe('Muster test page');
    for (const unreadable of [null, 'text', { type: 'page', incidentId: 'x' }, { ...page, severity: 'SEV-9' }]) {
      expect(notificationFor(unreadable)).toMatchObject({ title: 'Muster', options: { tag: 'muster-unknown' } });
    }
  });
});
