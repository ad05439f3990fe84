import type { NoticePayload } from '../../shared/api/push';
import type { NotificationContent } from './notification-content';

export function isNoticePayload(value: unknown): value is NoticePayload {
  const notice = value as Partial<NoticePayload> | null;
  return notice?.type === 'notice' && (typeof notice.incidentId === 'string' || notice.incidentId === null) && typeof notice.title === 'string' && typeof notice.body === 'string';
}

/**
 * A status update (or a reminder to post one) as an ordinary notification: no Acknowledge action, nothing that
 * must stay on screen, one per update (its own tag), opening the incident.
 */
export function noticeNotification(notice: NoticePayload): NotificationContent {
  return {
    title: notice.title,
    options: {
      body: notice.body,
      tag: typeof notice.tag === 'string' && notice.tag ? notice.tag : `notice-${notice.incidentId ?? 'muster'}`,
      icon: '/icons/icon-192.png',
      badge: '/icons/badge-96.png',
      data: { ...notice, url: typeof notice.url === 'string' ? notice.url : notice.incidentId ? `/incidents/${encodeURIComponent(notice.incidentId)}` : '/' },
    },
  };
}
