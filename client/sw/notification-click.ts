/// <reference lib="webworker" />
import type { PagePayload } from '../../shared/api/push';
import { broadcastChannelName, enqueueCommand, outboxSyncTag, type OutboxReplayedMessage } from '../offline/outbox';
import { broadcast, type NavigateMessage } from './messages';
import {
  acknowledgeAction,
  acknowledgedNotification,
  incidentTag,
  isPagePayload,
  queuedNotification,
  refusedNotification,
  type NotificationContent,
} from './notification-content';
import { markAcknowledged, syncAppBadge } from './page-store';

export const pageAcknowledgePath = '/api/v1/page-actions/acknowledge';

declare global {
  interface ServiceWorkerGlobalScope {
    /** Lets browser tests run a click: CDP cannot click notifications, and a built NotificationEvent cannot waitUntil. */
    __musterHandleNotificationClick?: (notification: Notification, action: string) => Promise<void>;
  }
}

const show = (sw: ServiceWorkerGlobalScope, { title, options }: NotificationContent) => sw.registration.showNotification(title, options);

async function settle(sw: ServiceWorkerGlobalScope, page: PagePayload): Promise<void> {
  await markAcknowledged(page.incidentId);
  await syncAppBadge(sw.navigator);
}

async function acknowledge(sw: ServiceWorkerGlobalScope, page: PagePayload): Promise<void> {
  // One key for the first try and any replay from the outbox, so the server applies it once.
  const command = {
    id: crypto.randomUUID(),
    method: 'POST',
    path: pageAcknowledgePath,
    body: { token: page.ackToken, incidentId: page.incidentId },
    kind: 'acknowledge',
    incidentId: page.incidentId,
  } as const;
  let res: Response | null = null;
  try {
    res = await fetch(command.path, {
      method: command.method,
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Idempotency-Key': command.id },
      body: JSON.stringify(command.body),
    });
  } catch {
    // No network: the request never reached the server.
  }

  if (res?.ok) {
    await settle(sw, page);
    await show(sw, acknowledgedNotification(page));
    broadcast({ type: 'page-acknowledged', incidentId: page.incidentId });
    return;
  }
  // No answer, or a failure that may pass: the outbox sends it when the network is back.
  if (!res || res.status >= 500 || res.status === 429) {
    await enqueueCommand(command);
    const sync = (sw.registration as ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }).sync;
    await sync?.register(outboxSyncTag).catch(() => undefined);
    await show(sw, queuedNotification(page));
    return;
  }
  const error = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
  // A conflict means the incident moved on (acknowledged by someone else, resolved): stop counting it.
  if (res.status === 409) await settle(sw, page);
  await show(sw, refusedNotification(page, error?.error?.message ?? `the server answered ${res.status}`, res.status === 409));
}

/** Only this app's pages: a payload URL elsewhere falls back to the incident or the list. */
function targetPath(sw: ServiceWorkerGlobalScope, data: unknown): string {
  const fallback = isPagePayload(data) ? `/incidents/${encodeURIComponent(data.incidentId)}` : '/';
  const url = (data as { url?: unknown } | null)?.url;
  if (typeof url !== 'string') return fallback;
  const target = new URL(url, sw.location.origin);
  return target.origin === sw.location.origin ? target.pathname + target.search : fallback;
}

/** Shows the page in the app: an open window switches to it (keeping its state), else a new one opens. */
async function openApp(sw: ServiceWorkerGlobalScope, path: string): Promise<void> {
  const windows = await sw.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const target = windows.find((client) => client.focused) ?? windows[0];
  if (!target) {
    await sw.clients.openWindow(path);
    return;
  }
  target.postMessage({ type: 'navigate', path } satisfies NavigateMessage);
  // Focus needs the click's user activation; without it the window still changed page.
  await target.focus().catch(() => undefined);
}

export async function handleNotificationClick(sw: ServiceWorkerGlobalScope, notification: Notification, action: string): Promise<void> {
  const data: unknown = notification.data;
  if (action === acknowledgeAction && isPagePayload(data)) return acknowledge(sw, data);
  notification.close();
  return openApp(sw, targetPath(sw, data));
}

/**
 * When the outbox finally sends (or the server refuses) an acknowledgement queued from a
 * notification, the notification that said "queued" says what happened.
 */
function followQueuedAcknowledgements(sw: ServiceWorkerGlobalScope): void {
  const channel = new BroadcastChannel(broadcastChannelName);
  channel.addEventListener('message', (event: MessageEvent<OutboxReplayedMessage | { type?: string }>) => {
    if (event.data.type !== 'outbox-replayed') return;
    const { report } = event.data as OutboxReplayedMessage;
    const fromPages = (command: { path: string; body?: unknown }) =>
      command.path === pageAcknowledgePath && hasIncidentId(command.body) ? command.body : null;
    void (async () => {
      for (const command of report.sent) {
        const body = fromPages(command);
        const page = body && (await queuedPage(sw, body.incidentId));
        if (page) await settle(sw, page).then(() => show(sw, acknowledgedNotification(page)));
      }
      for (const rejection of report.rejected) {
        const body = fromPages(rejection.command);
        const page = body && (await queuedPage(sw, body.incidentId));
        if (page) await show(sw, refusedNotification(page, rejection.message, rejection.status === 409));
      }
    })();
  });
}

const hasIncidentId = (body: unknown): body is { incidentId: string } => typeof (body as { incidentId?: unknown } | null)?.incidentId === 'string';

/** The page behind the notification still shown for an incident (it says "queued"), if any. */
async function queuedPage(sw: ServiceWorkerGlobalScope, incidentId: string): Promise<PagePayload | null> {
  const [shown] = await sw.registration.getNotifications({ tag: incidentTag(incidentId) });
  return isPagePayload(shown?.data) ? shown.data : null;
}

export function registerNotificationClick(sw: ServiceWorkerGlobalScope): void {
  sw.addEventListener('notificationclick', (event) => event.waitUntil(handleNotificationClick(sw, event.notification, event.action)));
  sw.__musterHandleNotificationClick = (notification, action) => handleNotificationClick(sw, notification, action);
  followQueuedAcknowledgements(sw);
}
