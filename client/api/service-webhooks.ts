import type { CreateServiceWebhookInput, ServiceWebhook } from '../../shared/api/service-webhooks';
import { request } from './http';

const base = (serviceId: string) => `/services/${encodeURIComponent(serviceId)}/webhooks`;

/** Admins only: the server refuses everyone else (a webhook's URL is a credential). */
export const serviceWebhooksApi = {
  /** Each with its last 50 delivery attempts, newest first. */
  list: (serviceId: string) => request<{ items: ServiceWebhook[] }>('GET', base(serviceId)).then((res) => res.items),
  /** The secret goes one way: the answer only says `signed`. */
  create: (serviceId: string, body: CreateServiceWebhookInput) => request<ServiceWebhook>('POST', base(serviceId), { body }),
  remove: (serviceId: string, webhookId: string) => request<void>('DELETE', `${base(serviceId)}/${encodeURIComponent(webhookId)}`),
};
