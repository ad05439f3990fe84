import type { EscalationPolicy, EscalationPolicyInput } from '../../shared/api/paging';
import { request } from './http';

const at = (id: string) => `/escalation-policies/${encodeURIComponent(id)}`;

export const policiesApi = {
  list: () => request<{ items: EscalationPolicy[] }>('GET', '/escalation-policies').then((res) => res.items),
  get: (id: string) => request<EscalationPolicy>('GET', at(id)),
  create: (body: EscalationPolicyInput) => request<EscalationPolicy>('POST', '/escalation-policies', { body }),
  replace: (id: string, body: EscalationPolicyInput) => request<EscalationPolicy>('PUT', at(id), { body }),
  /** Refused (409, naming the services) while a service pages through it. */
  remove: (id: string) => request<void>('DELETE', at(id)),
};
