import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page, type Worker } from 'playwright-core';
import type { User } from '../../shared/api/accounts';
import type { IncidentDetail } from '../../shared/api/incidents';
import type { PagePayload } from '../../shared/api/push';
import type { Service } from '../../shared/api/services';
import { phoneViewport } from '../helpers/browser';
import { startPushEndpoint, type LocalSubscription, type PushEndpoint } from '../helpers/push-endpoint';
import { serverAdmin, startServer, type ServerProcess } from '../helpers/server-process';
import { signIn, type ApiSession } from '../helpers/api-session';

/** What a notification looks like from `registration.getNotifications()`. */
export interface ShownNotification {
  title: string;
  body: string;
  tag: string;
  requireInteraction: boolean;
  renotify: boolean;
  actions: Array<{ action: string; title: string }>;
  data: Record<string, unknown> | null;
}

/**
 * Replaces the browser's push subscription (no push service is reachable from headless Chromium)
 * with one on the test's local push endpoint, made with the keys the test generated.
 */
export function stubPushManager(subscription: LocalSubscription) {
  let current: unknown = null;
  const keyBuffer = (key: BufferSource | string | null | undefined): ArrayBuffer | null => {
    if (!key) return null;
    if (typeof key === 'string') {
      const base64 = key.replace(/-/g, '+').replace(/_/g, '/');
      return Uint8Array.from(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '=')), (c) => c.charCodeAt(0)).buffer;
    }
    return ArrayBuffer.isView(key) ? new Uint8Array(key.buffer, key.byteOffset, key.byteLength).slice().buffer : key.slice(0);
  };
  PushManager.prototype.subscribe = async function (options?: PushSubscriptionOptionsInit) {
    const made = {
      endpoint: subscription.endpoint,
      expirationTime: null,
      options: { userVisibleOnly: true, applicationServerKey: keyBuffer(options?.applicationServerKey) },
      toJSON: () => ({ endpoint: subscription.endpoint, expirationTime: null, keys: subscription.keys }),
      unsubscribe: async () => {
        current = null;
        return true;
      },
    };
    current = made;
    return made as unknown as PushSubscription;
  };
  PushManager.prototype.getSubscription = async () => current as PushSubscription | null;
}

/**
 * A Muster server paging through a local push service, a responder whose escalation policy pages
 * them first, and a persistent Chromium profile (notifications allowed) for that responder.
 */
export async function startPwaFixture(name: string) {
  if (!existsSync(new URL('../../dist/index.js', import.meta.url))) {
    throw new Error('dist/ has no built app with its service worker: run `npx vite build` first (npm test does)');
  }
  const push: PushEndpoint = await startPushEndpoint();
  const server: ServerProcess = await startServer({
    env: { MUSTER_PUSH_ALLOWED_HOSTS: push.host, NODE_EXTRA_CA_CERTS: push.caFile },
  });
  const admin: ApiSession = await signIn(server.url, serverAdmin.email, serverAdmin.password);
  const credentials = { email: `${name.toLowerCase().replace(/\W+/g, '.')}@muster.test`, password: 'pager duty 24/7 ok' };
  const responder = await admin.post<User>('/users', { ...credentials, name, role: 'responder' });
  const policy = await admin.post<{ id: string }>('/escalation-policies', {
    name: 'Payments primary',
    repeat: 0,
    steps: [{ delaySeconds: 600, targets: [{ type: 'user', id: responder.id }] }],
  });
  const service = await admin.post<Service>('/services', { name: 'Payments API' });
  await admin.patch(`/services/${service.id}`, { escalationPolicyId: policy.id });

  const profileDir = mkdtempSync(join(tmpdir(), 'muster-profile-'));
  const context: BrowserContext = await chromium.launchPersistentContext(profileDir, {
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    baseURL: server.url,
    viewport: phoneViewport,
    isMobile: true,
    hasTouch: true,
    userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36',
  });
  await context.grantPermissions(['notifications'], { origin: server.url });
  const subscription = push.newSubscription(`${name}'s phone`);
  await context.addInitScript(stubPushManager, subscription);

  const login = await context.request.post('/api/v1/auth/login', { data: credentials });
  if (!login.ok()) throw new Error(`sign-in failed: ${login.status()} ${await login.text()}`);

  let cdp: CDPSession | undefined;
  const registrations = new Map<string, string>();

  return {
    push,
    server,
    admin,
    responder,
    service,
    context,
    subscription,

    /** Opens the app, waits for its service worker to control the page, and starts watching the worker over CDP. */
    async openApp(path = '/'): Promise<Page> {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(path);
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
      if (!cdp) {
        cdp = await context.newCDPSession(page);
        cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations: updated }) => {
          for (const registration of updated) {
            if (registration.isDeleted) registrations.delete(registration.scopeURL);
            else registrations.set(registration.scopeURL, registration.registrationId);
          }
        });
        await cdp.send('ServiceWorker.enable');
      }
      return page;
    },

    registrationId(): string {
      const id = registrations.get(`${server.url}/`);
      if (!id) throw new Error(`no service worker registration for ${server.url}/ (seen: ${[...registrations.keys()].join(', ')})`);
      return id;
    },

    /** Triggers an incident on the responder's service and returns the page that reached their phone. */
    async trigger(title: string, severity = 'SEV-1'): Promise<{ incident: IncidentDetail; payload: PagePayload; plaintext: string }> {
      const incident = await admin.post<IncidentDetail>('/incidents', { serviceId: service.id, title, severity });
      const message = await push.waitFor((m) => m.endpoint === subscription.endpoint && m.payload?.includes(incident.id) === true);
      if (!message.payload) throw new Error(`the page could not be decrypted: ${message.decryptError}`);
      return { incident, payload: JSON.parse(message.payload) as PagePayload, plaintext: message.payload };
    },

    /** Hands the push to the service worker as the browser's push service would. */
    async deliver(plaintext: string): Promise<void> {
      await cdp!.send('ServiceWorker.deliverPushMessage', { origin: server.url, registrationId: this.registrationId(), data: plaintext });
    },

    async dispatchSync(tag: string): Promise<void> {
      await cdp!.send('ServiceWorker.dispatchSyncEvent', { origin: server.url, registrationId: this.registrationId(), tag, lastChance: false });
    },

    /** The notifications the worker shows now, once `until` holds for them (or the time is up). */
    async notifications(
      page: Page,
      until: (shown: ShownNotification[]) => boolean = (shown) => shown.length > 0,
      timeoutMs = 10_000,
    ): Promise<ShownNotification[]> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const shown = await page.evaluate(async () => {
          const registration = await navigator.serviceWorker.ready;
          return (await registration.getNotifications()).map((n) => ({
            title: n.title,
            body: n.body,
            tag: n.tag,
            requireInteraction: n.requireInteraction,
            renotify: (n as Notification & { renotify?: boolean }).renotify === true,
            actions: [...((n as Notification & { actions?: Array<{ action: string; title: string }> }).actions ?? [])].map(({ action, title }) => ({ action, title })),
            data: n.data as Record<string, unknown> | null,
          }));
        });
        if (until(shown) || Date.now() > deadline) return shown;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },

    async close(): Promise<void> {
      await context.close().catch(() => undefined);
      await server.cleanup();
      await push.close();
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

export type PwaFixture = Awaited<ReturnType<typeof startPwaFixture>>;

/** The fixture's Muster service worker. */
export function musterWorker(f: PwaFixture): Worker {
  const found = f.context.serviceWorkers().find((w) => w.url() === `${f.server.url}/index.js`);
  if (!found) throw new Error(`no Muster service worker among ${f.context.serviceWorkers().map((w) => w.url()).join(', ')}`);
  return found;
}

/** What a tap on the notification's button does; CDP cannot click notifications. */
export function tapNotification(f: PwaFixture, tag: string, action: string): Promise<void> {
  return musterWorker(f).evaluate(
    async ([wanted, button]) => {
      const sw = self as unknown as ServiceWorkerGlobalScope;
      const [notification] = await sw.registration.getNotifications({ tag: wanted });
      if (!notification) throw new Error(`no notification tagged ${wanted}`);
      await sw.__musterHandleNotificationClick!(notification, button);
    },
    [tag, action] as const,
  );
}
