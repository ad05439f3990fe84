import type { z } from 'zod';
import type { Alert, ChangeEvent, createHeartbeatRequest, createMaintenanceRequest, Heartbeat, MaintenanceWindow, ServiceSetup } from '../../shared/api/detection';
import type { createServiceRequest, Service, updateServiceRequest } from '../../shared/api/services';
import type { ServiceFollow } from '../../shared/api/incidents';
import { request } from './http';

export type CreateHeartbeatInput = z.input<typeof createHeartbeatRequest>;
export type CreateMaintenanceInput = z.input<typeof createMaintenanceRequest>;
export type CreateServiceInput = z.input<typeof createServiceRequest>;
export type UpdateServiceInput = z.input<typeof updateServiceRequest>;

const at = (id: string) => `/services/${encodeURIComponent(id)}`;
const items = <T>(res: { items: T[] }) => res.items;

export const servicesApi = {
  list: () => request<{ items: Service[] }>('GET', '/services').then(items),
  get: (id: string) => request<Service>('GET', at(id)),
  /** The only answer, with rotate-key's, that carries the new `integrationKey`. */
  create: (body: CreateServiceInput) => request<Service>('POST', '/services', { body }),
  update: (id: string, body: UpdateServiceInput) => request<Service>('PATCH', at(id), { body }),
  /** Refused (409) while incidents refer to the service: archive it instead. */
  remove: (id: string) => request<void>('DELETE', at(id)),
  /** The only answer that carries the new `integrationKey`: the server keeps its hash alone. */
  rotateKey: (id: string) => request<Service>('POST', `${at(id)}/rotate-key`),
  setup: (id: string) => request<ServiceSetup>('GET', `${at(id)}/setup`),
  heartbeats: (id: string) => request<{ items: Heartbeat[] }>('GET', `${at(id)}/heartbeats`).then(items),
  createHeartbeat: (id: string, body: CreateHeartbeatInput) => request<Heartbeat>('POST', `${at(id)}/heartbeats`, { body }),
  deleteHeartbeat: (id: string, heartbeatId: string) =>
    request<void>('DELETE', `${at(id)}/heartbeats/${encodeURIComponent(heartbeatId)}`),
  /** Running and upcoming windows. */
  maintenance: (id: string) => request<{ items: MaintenanceWindow[] }>('GET', `${at(id)}/maintenance`).then(items),
  startMaintenance: (id: string, body: CreateMaintenanceInput) =>
    request<MaintenanceWindow>('POST', `${at(id)}/maintenance`, { body }),
  /** Ends a running window now, or cancels an upcoming one. */
  endMaintenance: (id: string, windowId: string) =>
    request<void>('DELETE', `${at(id)}/maintenance/${encodeURIComponent(windowId)}`),
  /** The latest alerts, newest first, those received during maintenance included. */
  alerts: (id: string, limit = 50) => request<{ items: Alert[] }>('GET', `${at(id)}/alerts`, { query: { limit } }).then(items),
  /** Deploys and other changes of the last 24 hours. */
  changes: (id: string) => request<{ items: ChangeEvent[] }>('GET', `${at(id)}/changes`).then(items),
  /** Every incident's status updates on this service reach the caller. */
  follow: (id: string, viaContactMethods = false) => request<ServiceFollow>('POST', `${at(id)}/follow`, { body: { viaContactMethods } }),
  unfollow: (id: string) => request<ServiceFollow>('DELETE', `${at(id)}/follow`),
};
