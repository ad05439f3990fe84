import type { MyOnCall, OnCallNow, OverrideInput, Schedule, ScheduleOverride } from '../../shared/api/schedules';
import { request } from './http';

export const schedulesApi = {
  list: () => request<{ items: Schedule[] }>('GET', '/schedules').then((res) => res.items),
  onCallNow: (id: string) => request<OnCallNow>('GET', `/schedules/${encodeURIComponent(id)}/on-call`),
  mine: () => request<MyOnCall>('GET', '/me/on-call'),
  addOverride: (id: string, body: OverrideInput) =>
    request<ScheduleOverride>('POST', `/schedules/${encodeURIComponent(id)}/overrides`, { body }),
};
