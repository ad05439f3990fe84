import type { PushDevice, PushSubscriptionInput, VapidPublicKey } from '../../shared/api/push';
import { request } from './http';

/** One device's outcome of "send a test page". */
export interface TestPageResult {
  deviceId: string;
  device: string;
  outcome: 'delivered' | 'gone' | 'rate_limited' | 'retryable' | 'rejected';
  error?: string;
}

export const pushApi = {
  vapidPublicKey: () => request<VapidPublicKey>('GET', '/push/vapid-public-key').then((res) => res.publicKey),
  devices: () => request<{ items: PushDevice[] }>('GET', '/push/subscriptions').then((res) => res.items),
  register: (body: PushSubscriptionInput) => request<PushDevice>('POST', '/push/subscriptions', { body }),
  remove: (id: string) => request<void>('DELETE', `/push/subscriptions/${encodeURIComponent(id)}`),
  sendTest: () => request<{ results: TestPageResult[] }>('POST', '/push/test').then((res) => res.results),
};
