import type { PagePayload, PushPayload, TestPagePayload } from '../../shared/api/push';
import { drillMarker } from '../../shared/domain/drills';
import { severities } from '../../shared/domain/severity';
import { isNoticePayload, noticeNotification } from './notice-notification';

/** Notification fields TypeScript's DOM lib does not list yet (Chromium and Firefox support them). */
export interface ShownNotificationOptions extends NotificationOptions {
  actions?: Array<{ action: string; title: string }>;
  renotify?: boolean;
  vibrate?: number[];
  timestamp?: number;
}

export interface NotificationContent {
  title: string;
  options: ShownNotificationOptions;
}

export const acknowledgeAction = 'acknowledge';
export const openAction = 'open';

const icon = '/icons/icon-192.png';
// Android draws the status-bar badge from the alpha channel only.
const badge = '/icons/badge-96.png';

/** One notification per incident: a re-page replaces it (and rings again) instead of stacking up. */
export const incidentTag = (incidentId: string) => `incident-${incidentId}`;

export function isPagePayload(value: unknown): value is PagePayload {
  const page = value as Partial<PagePayload> | null;
  return (
    page?.type === 'page' &&
    typeof page.incidentId === 'string' &&
    typeof page.ackToken === 'string' &&
    typeof page.title === 'string' &&
    severities.includes(page.severity as PagePayload['severity'])
  );
}

export function isTestPayload(value: unknown): value is TestPagePayload {
  const test = value as Partial<TestPagePayload> | null;
  return test?.type === 'test' && typeof test.title === 'string';
}

/** "DRILL · SEV-1 · Checkout API": what it is and where, readable on a lock screen. */
export function pageHeadline(page: PagePayload): string {
  return [page.drill && drillMarker, page.severity, page.service].filter(Boolean).join(' · ');
}

// A direct page says first why it came ("You were added as Scribe on #12"), then what the incident is.
const pageBody = (page: PagePayload) => (typeof page.reason === 'string' ? `${page.reason}\n` : '') + `#${page.number} ${page.title}`;

export function pageNotification(page: PagePayload): NotificationContent {
  return {
    title: pageHeadline(page),
    options: {
      body: pageBody(page),
      tag: incidentTag(page.incidentId),
      renotify: true,
      requireInteraction: true,
      actions: [
        { action: acknowledgeAction, title: 'Acknowledge' },
        { action: openAction, title: 'Open' },
      ],
      vibrate: [400, 150, 400, 150, 800],
      icon,
      badge,
      data: page,
    },
  };
}

/** Replaces the page once the server recorded the acknowledgement: quiet, and it may go away. */
export function acknowledgedNotification(page: PagePayload): NotificationContent {
  return {
    title: `Acknowledged · ${pageHeadline(page)}`,
    options: { body: pageBody(page), tag: incidentTag(page.incidentId), silent: true, icon, badge, data: { ...page, acknowledged: true } },
  };
}

/** No network: the acknowledgement waits in the outbox, and the notification says so. */
export function queuedNotification(page: PagePayload): NotificationContent {
  return {
    title: `Acknowledge queued · ${pageHeadline(page)}`,
    options: {
      body: `Offline: sends as soon as the phone is back online. ${pageBody(page)}`,
      tag: incidentTag(page.incidentId),
      silent: true,
      icon,
      badge,
      data: page,
    },
  };
}

/**
 * The server refused: say why and offer the app. A conflict means the incident moved on
 * (someone acknowledged first, or it was resolved), which is not a failure to worry about.
 */
export function refusedNotification(page: PagePayload, reason: string, conflict = false): NotificationContent {
  return {
    title: `${conflict ? 'Already handled' : 'Not acknowledged'} · ${pageHeadline(page)}`,
    options: {
      body: `${reason.charAt(0).toUpperCase()}${reason.slice(1)}. Tap to open the incident.`,
      tag: incidentTag(page.incidentId),
      requireInteraction: true,
      actions: [{ action: openAction, title: 'Open' }],
      icon,
      badge,
      data: page,
    },
  };
}

export function testNotification(test: TestPagePayload): NotificationContent {
  return {
    title: test.title,
    options: { body: 'Pages will reach this device.', tag: 'muster-test', icon, badge, data: test },
  };
}

/** Every push shows something, even one we cannot read: browsers revoke push for silent ones. */
export function fallbackNotification(): NotificationContent {
  return {
    title: 'Muster',
    options: { body: 'New activity. Open Muster to see it.', tag: 'muster-unknown', icon, badge, data: { url: '/' } },
  };
}

export function notificationFor(payload: PushPayload | unknown): NotificationContent {
  if (isPagePayload(payload)) return pageNotification(payload);
  if (isTestPayload(payload)) return testNotification(payload);
  if (isNoticePayload(payload)) return noticeNotification(payload);
  return fallbackNotification();
}
