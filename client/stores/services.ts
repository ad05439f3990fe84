import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Alert, ChangeEvent, Heartbeat, MaintenanceWindow } from '../../shared/api/detection';
import type { CreateServiceWebhookInput, ServiceWebhook } from '../../shared/api/service-webhooks';
import type { Service } from '../../shared/api/services';
import { describeError } from '../composables/use-action';
import { ApiError } from '../api/http';
import { serviceWebhooksApi } from '../api/service-webhooks';
import { servicesApi, type CreateHeartbeatInput, type CreateMaintenanceInput, type CreateServiceInput } from '../api/services';
import { useSessionStore } from './session';

/** The service screen's parts; each loads on its own, so one failing endpoint leaves the others readable. */
export type ServiceSection = 'setup' | 'heartbeats' | 'maintenance' | 'alerts' | 'changes' | 'webhooks';

export interface ServiceScreen {
  service: Service;
  publicUrl: string | null;
  heartbeats: Heartbeat[] | null;
  maintenance: MaintenanceWindow[] | null;
  alerts: Alert[] | null;
  changes: ChangeEvent[] | null;
  /** Outgoing event webhooks, with their delivery logs: loaded for admins only. */
  webhooks: ServiceWebhook[] | null;
}

/** A session that ended must reach the view's sign-in redirect, not a section's error line. */
const signedOut = (err: unknown) => err instanceof ApiError && err.status === 401;

export const useServicesStore = defineStore('services', () => {
  const session = useSessionStore();
  const list = ref<Service[] | null>(null);
  const current = ref<ServiceScreen | null>(null);
  const sectionErrors = ref<Partial<Record<ServiceSection, string>>>({});
  /**
   * The key from the last rotation: the server will never show it again. Kept in memory only (never in the
   * offline cache) and dropped when the screen closes.
   */
  const newKey = ref<{ serviceId: string; key: string } | null>(null);

  async function fetchList(): Promise<void> {
    list.value = (await servicesApi.list()).sort((a, b) => a.name.localeCompare(b.name));
  }

  const loaders = {
    setup: async (id: string) => ({ publicUrl: (await servicesApi.setup(id)).publicUrl }),
    heartbeats: async (id: string) => ({ heartbeats: await servicesApi.heartbeats(id) }),
    maintenance: async (id: string) => ({ maintenance: await servicesApi.maintenance(id) }),
    alerts: async (id: string) => ({ alerts: await servicesApi.alerts(id) }),
    changes: async (id: string) => ({ changes: await servicesApi.changes(id) }),
    webhooks: async (id: string) => ({ webhooks: await serviceWebhooksApi.list(id) }),
  } satisfies Record<ServiceSection, (id: string) => Promise<Partial<ServiceScreen>>>;

  /** Reloads `sections` of the open service; a section that fails keeps its last answer and says why. */
  async function reload(id: string, sections: ServiceSection[]): Promise<void> {
    const results = await Promise.allSettled(sections.map((section) => loaders[section](id)));
    if (current.value?.service.id !== id) return;
    const errors = { ...sectionErrors.value };
    results.forEach((result, i) => {
      if (result.status === 'fulfilled') {
        Object.assign(current.value!, result.value);
        delete errors[sections[i]];
      } else {
        if (signedOut(result.reason)) throw result.reason;
        errors[sections[i]] = describeError(result.reason);
      }
    });
    sectionErrors.value = errors;
  }

  async function open(id: string): Promise<void> {
    if (current.value?.service.id !== id) {
      current.value = null;
      sectionErrors.value = {};
      if (newKey.value?.serviceId !== id) newKey.value = null;
    }
    const service = await servicesApi.get(id);
    if (current.value?.service.id === id) current.value.service = service;
    else current.value = { service, publicUrl: null, heartbeats: null, maintenance: null, alerts: null, changes: null, webhooks: null };
    await reload(id, ['setup', 'heartbeats', 'maintenance', 'alerts', 'changes', ...(session.isAdmin ? (['webhooks'] as const) : [])]);
  }

  /** Keeps the key the answer carries for the service screen to show once. */
  function holdNewKey(answer: Service): Service {
    if (!answer.integrationKey) throw new Error('the server did not send the new key; rotate it on the service screen');
    newKey.value = { serviceId: answer.id, key: answer.integrationKey };
    const { integrationKey: _shownOnce, ...service } = answer;
    return service;
  }

  async function create(input: CreateServiceInput): Promise<Service> {
    return holdNewKey(await servicesApi.create(input));
  }

  async function rotateKey(id: string): Promise<void> {
    const service = holdNewKey(await servicesApi.rotateKey(id));
    if (current.value?.service.id === id) current.value.service = service;
  }

  async function addHeartbeat(id: string, input: CreateHeartbeatInput): Promise<void> {
    await servicesApi.createHeartbeat(id, input);
    await reload(id, ['heartbeats']);
  }

  async function removeHeartbeat(id: string, heartbeatId: string): Promise<void> {
    await servicesApi.deleteHeartbeat(id, heartbeatId);
    await reload(id, ['heartbeats']);
  }

  async function startMaintenance(id: string, input: CreateMaintenanceInput): Promise<void> {
    await servicesApi.startMaintenance(id, input);
    await reload(id, ['maintenance']);
  }

  async function endMaintenance(id: string, windowId: string): Promise<void> {
    await servicesApi.endMaintenance(id, windowId);
    await reload(id, ['maintenance']);
  }

  async function addWebhook(id: string, input: CreateServiceWebhookInput): Promise<void> {
    await serviceWebhooksApi.create(id, input);
    await reload(id, ['webhooks']);
  }

  async function removeWebhook(id: string, webhookId: string): Promise<void> {
    await serviceWebhooksApi.remove(id, webhookId);
    await reload(id, ['webhooks']);
  }

  function forgetKey(): void {
    newKey.value = null;
  }

  return {
    list,
    current,
    sectionErrors,
    newKey,
    fetchList,
    open,
    reload,
    create,
    rotateKey,
    addHeartbeat,
    removeHeartbeat,
    startMaintenance,
    endMaintenance,
    addWebhook,
    removeWebhook,
    forgetKey,
  };
});
