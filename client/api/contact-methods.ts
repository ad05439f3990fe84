import type { ContactMethod, ContactMethodTestResult, CreateContactMethodInput } from '../../shared/api/contact-methods';
import { request } from './http';

const base = '/me/contact-methods';
const at = (id: string) => `${base}/${encodeURIComponent(id)}`;

export const contactMethodsApi = {
  list: () => request<{ items: ContactMethod[] }>('GET', base).then((res) => res.items),
  /** An email method comes back unverified, its code on the way to the address. */
  create: (body: CreateContactMethodInput) => request<ContactMethod>('POST', base, { body }),
  verify: (id: string, code: string) => request<ContactMethod>('POST', `${at(id)}/verify`, { body: { code } }),
  /** Sends one message now; the server counts its outcome towards "failing" like a page's. */
  test: (id: string) => request<ContactMethodTestResult>('POST', `${at(id)}/test`),
  remove: (id: string) => request<void>('DELETE', at(id)),
};
