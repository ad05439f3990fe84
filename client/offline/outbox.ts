import { offlineDb, type CommandMethod, type OutboxCommand, type Rejection } from './db';

/**
 * The command outbox: mutations wait here, in the order given, until the server has answered
 * them. Used by the page and by the service worker's Background Sync alike.
 */

export interface EnqueueInput {
  method: CommandMethod;
  path: string;
  body?: unknown;
  kind: string;
  incidentId?: string;
  /** The Idempotency-Key; a fresh UUID when not given. */
  id?: string;
  /** See OutboxCommand.names. */
  names?: Record<string, string>;
}

/** Why a replay stopped early, leaving that command and all after it queued. */
export type ReplayStop =
  | { reason: 'offline' }
  | { reason: 'server'; status: number }
  /** The session expired: the user must sign in again before anything more is sent. */
  | { reason: 'unauthorized' };

export interface ReplayReport {
  sent: OutboxCommand[];
  rejected: Rejection[];
  stopped: ReplayStop | null;
  /** Commands still waiting after this replay. */
  remaining: number;
}

export const outboxLockName = 'muster-outbox';
/** The Background Sync tag the service worker replays the outbox on. */
export const outboxSyncTag = 'muster-outbox';
/** The BroadcastChannel on which the service worker tells open windows what happened. */
export const broadcastChannelName = 'muster';

export interface OutboxReplayedMessage {
  type: 'outbox-replayed';
  report: ReplayReport;
}

export async function enqueueCommand(input: EnqueueInput): Promise<OutboxCommand> {
  const command: OutboxCommand = {
    id: input.id ?? crypto.randomUUID(),
    method: input.method,
    path: input.path,
    // Stored as the JSON that will be sent: no reactive proxies or other uncloneable values.
    ...(input.body !== undefined && { body: JSON.parse(JSON.stringify(input.body)) as unknown }),
    kind: input.kind,
    ...(input.incidentId !== undefined && { incidentId: input.incidentId }),
    ...(input.names !== undefined && { names: { ...input.names } }),
    createdAt: new Date().toISOString(),
  };
  const db = await offlineDb();
  const queued = await db.getFromIndex('outbox', 'byId', command.id);
  // The same key twice (e.g. a notification action tapped again) is one command.
  if (queued) return queued;
  await db.add('outbox', command);
  return command;
}

export async function pendingCommands(): Promise<OutboxCommand[]> {
  return (await offlineDb()).getAll('outbox');
}

export async function pendingCount(): Promise<number> {
  return (await offlineDb()).count('outbox');
}

export async function listRejections(): Promise<Rejection[]> {
  const all = await (await offlineDb()).getAll('rejections');
  return all.sort((a, b) => a.at.localeCompare(b.at));
}

export async function dismissRejection(commandId: string): Promise<void> {
  await (await offlineDb()).delete('rejections', commandId);
}

type Outcome = { kind: 'sent' } | { kind: 'refused'; status: number; message: string } | { kind: 'stop'; stop: ReplayStop };

async function errorOf(res: Response): Promise<{ code?: string; message: string }> {
  const body = (await res.json().catch(() => null)) as { error?: { code?: unknown; message?: unknown } } | null;
  const { code, message } = body?.error ?? {};
  return {
    code: typeof code === 'string' ? code : undefined,
    message: typeof message === 'string' ? message : `the server answered ${res.status}`,
  };
}

async function send(command: OutboxCommand): Promise<Outcome> {
  // JSON even without a body: the server refuses writes of any other type.
  const headers = { Accept: 'application/json', 'Content-Type': 'application/json', 'Idempotency-Key': command.id };
  let res: Response;
  try {
    res = await fetch(command.path, {
      method: command.method,
      headers,
      credentials: 'same-origin',
      body: command.body === undefined ? undefined : JSON.stringify(command.body),
    });
  } catch {
    return { kind: 'stop', stop: { reason: 'offline' } };
  }
  if (res.ok) return { kind: 'sent' };
  // Passing failures: the server freed the key, so the same command may be sent again later.
  if (res.status >= 500 || res.status === 429 || res.status === 408) return { kind: 'stop', stop: { reason: 'server', status: res.status } };
  const error = await errorOf(res);
  // The first attempt with this key is still running on the server: its outcome is not known yet.
  if (error.code === 'idempotency_key_in_progress') return { kind: 'stop', stop: { reason: 'server', status: res.status } };
  // An expired session is fixed by signing in; a notification's expired page token never is.
  if (res.status === 401 && error.code !== 'invalid_page_token') return { kind: 'stop', stop: { reason: 'unauthorized' } };
  return { kind: 'refused', status: res.status, message: error.message };
}

async function replayInOrder(): Promise<ReplayReport> {
  const db = await offlineDb();
  const report: ReplayReport = { sent: [], rejected: [], stopped: null, remaining: 0 };
  for (;;) {
    const head = await db.transaction('outbox').store.openCursor();
    if (!head) break;
    const command = head.value;
    const outcome = await send(command);
    if (outcome.kind === 'stop') {
      report.stopped = outcome.stop;
      break;
    }
    const tx = db.transaction(['outbox', 'rejections'], 'readwrite');
    await tx.objectStore('outbox').delete(head.key);
    if (outcome.kind === 'sent') {
      report.sent.push(command);
    } else {
      const rejection: Rejection = { command, status: outcome.status, message: outcome.message, at: new Date().toISOString() };
      await tx.objectStore('rejections').put(rejection);
      report.rejected.push(rejection);
    }
    await tx.done;
  }
  report.remaining = await db.count('outbox');
  return report;
}

/** Page and service worker share the outbox: only one of them may replay it at a time. */
async function exclusively<T>(work: () => Promise<T>): Promise<T> {
  const locks = globalThis.navigator?.locks;
  return locks ? await locks.request(outboxLockName, work) : work();
}

let running: Promise<ReplayReport> | undefined;
let queued: Promise<ReplayReport> | undefined;

function start(): Promise<ReplayReport> {
  running = exclusively(replayInOrder).finally(() => (running = undefined));
  return running;
}

/**
 * Sends the queued commands strictly in order, each with its Idempotency-Key. 2xx removes it;
 * a refusal (409 and other 4xx) removes it and records a rejection; no answer, 5xx, 429 or an
 * expired session stops the replay and keeps that command and everything after it.
 * Calls made while a replay runs share one follow-up run, so a command queued meanwhile is sent.
 */
export function replayOutbox(): Promise<ReplayReport> {
  if (queued) return queued;
  if (!running) return start();
  queued = running
    .catch(() => undefined)
    .then(() => {
      queued = undefined;
      return start();
    });
  return queued;
}
