import type { NotificationRule } from '../../shared/api/paging';
import { request } from './http';

export const notificationRulesApi = {
  get: () => request<NotificationRule[]>('GET', '/me/notification-rules'),
  replace: (rules: NotificationRule[]) => request<NotificationRule[]>('PUT', '/me/notification-rules', { body: rules }),
};
