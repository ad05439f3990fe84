import type { TestApp } from './test-app';

/** A PagerDuty Events API v2 trigger, as monitoring tools send one; `overrides` replace top-level fields. */
export function triggerEvent(routingKey: string, overrides: Record<string, unknown> = {}, payload: Record<string, unknown> = {}) {
  return {
    routing_key: routingKey,
    event_action: 'trigger',
    payload: { summary: 'Checkout error rate above 5 %', source: 'web-1', severity: 'critical', ...payload },
    ...overrides,
  };
}

/** Sends an event to `/v2/enqueue` as a tool does: no session, no Origin. */
export const enqueue = (t: TestApp, body: unknown) => t.request('POST', '/v2/enqueue', { body });

/** The incidents of a service, newest first, as the app lists them. */
export async function incidentsOf(t: TestApp, cookie: string, serviceId: string): Promise<any[]> {
  const res = await t.request('GET', `/api/v1/incidents?serviceId=${serviceId}`, { cookie });
  if (res.status !== 200) throw new Error(`listing incidents failed: ${res.status} ${res.text}`);
  return res.json.items;
}

export async function incidentDetail(t: TestApp, cookie: string, id: string): Promise<any> {
  const res = await t.request('GET', `/api/v1/incidents/${id}`, { cookie });
  if (res.status !== 200) throw new Error(`reading incident failed: ${res.status} ${res.text}`);
  return res.json;
}
