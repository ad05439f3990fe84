import type { Runbook } from '../../shared/api/runbooks';
import { request } from './http';

const path = (serviceId: string) => `/services/${encodeURIComponent(serviceId)}`;
const classQuery = (alertClass: string | null) => (alertClass === null ? {} : { class: alertClass });

/** Reading is for everyone signed in; responders and admins may write. */
export const runbooksApi = {
  /** The service's own first, then one per alert class. */
  list: (serviceId: string) => request<{ items: Runbook[] }>('GET', `${path(serviceId)}/runbooks`).then((res) => res.items),
  save: (serviceId: string, alertClass: string | null, markdown: string) =>
    request<Runbook>('PUT', `${path(serviceId)}/runbook`, { query: classQuery(alertClass), body: { markdown } }),
  remove: (serviceId: string, alertClass: string | null) => request<void>('DELETE', `${path(serviceId)}/runbook`, { query: classQuery(alertClass) }),
};
