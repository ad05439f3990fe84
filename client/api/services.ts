import type { Service } from '../../shared/api/services';
import { request } from './http';

export const servicesApi = {
  list: () => request<{ items: Service[] }>('GET', '/services').then((res) => res.items),
};
