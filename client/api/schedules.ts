import type { MyOnCall, OnCallNow, OverrideInput, Schedule, ScheduleInput, ScheduleOverride, UnreachablePerson } from '../../shared/api/schedules';
import { request } from './http';

const at = (id: string) => `/schedules/${encodeURIComponent(id)}`;

export const schedulesApi = {
  list: () => request<{ items: Schedule[] }>('GET', '/schedules').then((res) => res.items),
  /** The schedule with its current and future overrides. */
  get: (id: string) => request<Schedule & { overrides: ScheduleOverride[] }>('GET', at(id)),
  create: (body: ScheduleInput) => request<Schedule>('POST', '/schedules', { body }),
  replace: (id: string, body: ScheduleInput) => request<Schedule>('PUT', at(id), { body }),
  onCallNow: (id: string) => request<OnCallNow>('GET', `${at(id)}/on-call`),
  mine: () => request<MyOnCall>('GET', '/me/on-call'),
  /** Responders and admins a page cannot reach: no device registered. */
  unreachable: () => request<{ items: UnreachablePerson[] }>('GET', '/on-call/unreachable').then((res) => res.items),
  addOverride: (id: string, body: OverrideInput) => request<ScheduleOverride>('POST', `${at(id)}/overrides`, { body }),
  removeOverride: (id: string, overrideId: string) => request<void>('DELETE', `${at(id)}/overrides/${encodeURIComponent(overrideId)}`),
};
