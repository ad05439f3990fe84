import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { NoticePayload, PagePayload } from '../../shared/api/push';
import type { NotificationRule } from '../../shared/api/paging';
import { startPushEndpoint, type PushEndpoint } from './push-endpoint';
import { createTestApp, type TestApp } from './test-app';

const pushOnly = (delays: number[]): NotificationRule[] => delays.map((delaySeconds) => ({ delaySeconds, method: 'push' }));

/**
 * Builds paging scenarios through the public API and reads what reached the local push
 * service, GoAlert-smoke-test style: `pages.take()` returns exactly the pages since the
 * last call, so any unexpected page fails the assertion.
 */
export async function pagingFixture(t: TestApp, push: PushEndpoint) {
  const admin = await t.signedInUser('admin', 'Admin');
  let consumed = push.received.length;

  async function ok(res: Promise<{ status: number; json: any; text: string }>, expected = [200, 201]) {
    const done = await res;
    if (!expected.includes(done.status)) throw new Error(`unexpected ${done.status}: ${done.text}`);
    return done.json;
  }

  return {
    admin,

    /** A responder with `devices` registered phones (labelled `<name>-1`, …) and the given re-page delays. */
    async responder(name: string, options: { devices?: number; repageDelays?: number[] } = {}) {
      const { user, cookie } = await t.signedInUser('responder', name);
      const subscriptions = [];
      for (let i = 1; i <= (options.devices ?? 1); i++) {
        const sub = push.newSubscription(`${name}-${i}`);
        const device = await ok(t.request('POST', '/api/v1/push/subscriptions', { cookie, body: { ...sub, label: `${name}-${i}` } }));
        subscriptions.push({ ...sub, id: device.id as string });
      }
      await ok(t.request('PUT', '/api/v1/me/notification-rules', { cookie, body: pushOnly(options.repageDelays ?? [0]) }));
      return { user, cookie, subscriptions };
    },

    async policy(steps: Array<{ delaySeconds: number; targets: Array<{ type: 'user' | 'schedule'; id: string }> }>, repeat = 0) {
      const policy = await ok(t.request('POST', '/api/v1/escalation-policies', { cookie: admin.cookie, body: { name: `policy ${t.unique()}`, repeat, steps } }));
      return policy.id as string;
    },

    async serviceWithPolicy(policyId: string) {
      const service = await t.createService(admin.cookie);
      await ok(t.request('PATCH', `/api/v1/services/${service.id}`, { cookie: admin.cookie, body: { escalationPolicyId: policyId } }));
      return service;
    },

    /** Triggers an incident and runs the engine once, as the server does right after a trigger. */
    async trigger(serviceId: string, options: { severity?: string; idempotencyKey?: string; title?: string } = {}) {
      const incident = await ok(
        t.request('POST', '/api/v1/incidents', {
          cookie: admin.cookie,
          body: { serviceId, title: options.title ?? `incident ${t.unique()}`, severity: options.severity ?? 'SEV-1' },
          headers: options.idempotencyKey ? { 'Idempotency-Key': options.idempotencyKey } : {},
        }),
      );
      await t.engine.runOnce();
      return incident as { id: string; number: number };
    },

    /** Moves the fake clock and lets the engine do whatever became due. */
    async advance(seconds: number) {
      t.clock.advance(seconds * 1000);
      await t.engine.runOnce();
    },

    /**
     * Pushes received since the last call, in arrival order: pages as `"<device label> #<incident number>"`,
     * notices (status updates, reminders) as `"<device label> notice: <title>"`.
     */
    take(): string[] {
      const fresh = push.received.slice(consumed);
      consumed = push.received.length;
      return fresh.map((message) => {
        const payload = JSON.parse(message.payload ?? '{}') as PagePayload | NoticePayload;
        return payload.type === 'notice' ? `${message.label} notice: ${payload.title}` : `${message.label} #${payload.number}`;
      });
    },

    /** The decrypted payload of the newest push to a device. */
    lastPayloadTo(label: string): PagePayload {
      const message = push.received.filter((m) => m.label === label).at(-1);
      if (!message?.payload) throw new Error(`no page reached ${label}`);
      return JSON.parse(message.payload);
    },

    async timeline(incidentId: string): Promise<Array<{ type: string; at: string; data: Record<string, unknown> }>> {
      return (await ok(t.request('GET', `/api/v1/incidents/${incidentId}`, { cookie: admin.cookie }))).timeline;
    },
  };
}

export type PagingFixture = Awaited<ReturnType<typeof pagingFixture>>;

/**
 * A paging test file's setup: one local push service for the file; a fresh app (trusting
 * it) and fixture for each test. Read the fields inside tests, once the hooks have run.
 */
export function usePagingSuite(): { push: PushEndpoint; t: TestApp; p: PagingFixture } {
  const suite = {} as { push: PushEndpoint; t: TestApp; p: PagingFixture };
  beforeAll(async () => {
    suite.push = await startPushEndpoint();
  });
  afterAll(() => suite.push.close());
  beforeEach(async () => {
    suite.t = await createTestApp({ pushAllowedHosts: [suite.push.host], pushAgent: suite.push.agent });
    suite.p = await pagingFixture(suite.t, suite.push);
  });
  afterEach(() => suite.t.close());
  return suite;
}
