import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { errorResponse, jsonResponse, stubFetch, type RecordedRequest } from '../testing/fetch-stub';
import { resetOfflineDb } from '../testing/offline-db';
import { enqueueCommand, listRejections, pendingCommands, replayOutbox } from './outbox';

beforeEach(resetOfflineDb);
afterEach(() => vi.unstubAllGlobals());

const ack = (incidentId: string) => ({ method: 'POST' as const, path: `/api/v1/incidents/${incidentId}/acknowledge`, kind: 'acknowledge', incidentId });
const note = (incidentId: string, text: string) => ({
  method: 'POST' as const,
  path: `/api/v1/incidents/${incidentId}/notes`,
  kind: 'note',
  incidentId,
  body: { text },
});

/** A server that applies each Idempotency-Key once, like Muster's, answering `status()` for the rest. */
function idempotentServer(status: (req: RecordedRequest) => number = () => 200) {
  const applied: string[] = [];
  const seen = new Map<string, Response>();
  const handle = (req: RecordedRequest) => {
    const key = req.headers.get('Idempotency-Key')!;
    const replay = seen.get(key);
    if (replay) return replay.clone();
    const code = status(req);
    if (code >= 500 || code === 429) return errorResponse(code, 'unavailable', 'try again later');
    if (code >= 400) return errorResponse(code, 'conflict', `cannot ${req.path}`);
    applied.push(`${req.path} ${JSON.stringify(req.body ?? null)}`);
    const res = jsonResponse(code, { ok: true });
    seen.set(key, res.clone());
    return res;
  };
  const stub = stubFetch({
    'POST /api/v1/incidents/a/acknowledge': handle,
    'POST /api/v1/incidents/a/notes': handle,
    'POST /api/v1/incidents/b/acknowledge': handle,
    'POST /api/v1/incidents/b/notes': handle,
  });
  return { ...stub, applied };
}

describe('command outbox', () => {
  it('keeps commands in the order given and sends them in that order, each with its own key', async () => {
    const first = await enqueueCommand(ack('a'));
    const second = await enqueueCommand(note('a', 'failing over'));
    const third = await enqueueCommand(ack('b'));
    expect((await pendingCommands()).map((command) => command.id)).toEqual([first.id, second.id, third.id]);

    const { requests, applied } = idempotentServer();
    const report = await replayOutbox();

    expect(requests.map((req) => `${req.method} ${req.path}`)).toEqual([
      'POST /api/v1/incidents/a/acknowledge',
      'POST /api/v1/incidents/a/notes',
      'POST /api/v1/incidents/b/acknowledge',
    ]);
    expect(requests.map((req) => req.headers.get('Idempotency-Key'))).toEqual([first.id, second.id, third.id]);
    expect(requests[1]).toMatchObject({ credentials: 'same-origin', body: { text: 'failing over' } });
    expect(requests[1].headers.get('Content-Type')).toBe('application/json');
    expect(applied).toHaveLength(3);
    expect(report).toMatchObject({ stopped: null, remaining: 0, rejected: [] });
    expect(report.sent.map((command) => command.id)).toEqual([first.id, second.id, third.id]);
    expect(await pendingCommands()).toEqual([]);
  });

  it.each([500, 503, 429])('stops at a %i and keeps that command and all after it, then sends each exactly once', async (status) => {
    const first = await enqueueCommand(ack('a'));
    const second = await enqueueCommand(note('a', 'rolled back'));
    let failures = 1;
    const { requests, applied } = idempotentServer(() => (failures-- > 0 ? status : 200));

    const stopped = await replayOutbox();
    expect(stopped).toMatchObject({ sent: [], rejected: [], stopped: { reason: 'server', status }, remaining: 2 });
    expect(requests).toHaveLength(1);
    expect((await pendingCommands()).map((command) => command.id)).toEqual([first.id, second.id]);

    const retried = await replayOutbox();
    expect(retried).toMatchObject({ stopped: null, remaining: 0 });
    // The retry reuses the Idempotency-Key, so a server that did apply the first try would not apply it twice.
    expect(requests.map((req) => req.headers.get('Idempotency-Key'))).toEqual([first.id, first.id, second.id]);
    expect(applied).toEqual(['/api/v1/incidents/a/acknowledge null', '/api/v1/incidents/a/notes {"text":"rolled back"}']);
  });

  it('applies a command once when its answer was lost and it is replayed under the same key', async () => {
    const command = await enqueueCommand(ack('a'));
    const server = idempotentServer();
    const realFetch = globalThis.fetch;
    // The server applies the first try, but the phone loses the connection before the answer arrives.
    vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
      await realFetch(input, init);
      throw new TypeError('Failed to fetch');
    });
    expect(await replayOutbox()).toMatchObject({ stopped: { reason: 'offline' }, remaining: 1 });

    vi.stubGlobal('fetch', realFetch);
    expect(await replayOutbox()).toMatchObject({ stopped: null, remaining: 0 });
    expect(server.requests.map((req) => req.headers.get('Idempotency-Key'))).toEqual([command.id, command.id]);
    expect(server.applied).toEqual(['/api/v1/incidents/a/acknowledge null']);
  });

  it('drops a refused command, records why for the user, and goes on with the next', async () => {
    const refused = await enqueueCommand(ack('a'));
    const next = await enqueueCommand(note('b', 'checked the dashboards'));
    const { requests } = stubFetch({
      'POST /api/v1/incidents/a/acknowledge': () =>
        errorResponse(409, 'conflict', 'cannot acknowledge incident #4: the incident is already resolved'),
      'POST /api/v1/incidents/b/notes': () => jsonResponse(201, { id: 'e1' }),
    });

    const report = await replayOutbox();

    expect(requests).toHaveLength(2);
    expect(report.sent.map((command) => command.id)).toEqual([next.id]);
    expect(report.rejected).toEqual([
      expect.objectContaining({ command: refused, status: 409, message: 'cannot acknowledge incident #4: the incident is already resolved' }),
    ]);
    expect(await listRejections()).toEqual(report.rejected);
    expect(await pendingCommands()).toEqual([]);
  });

  it('keeps a command whose first try is still running on the server, and sends it again later', async () => {
    const command = await enqueueCommand(ack('a'));
    stubFetch({
      'POST /api/v1/incidents/a/acknowledge': () =>
        errorResponse(409, 'idempotency_key_in_progress', 'a request with this Idempotency-Key is still being processed; retry shortly'),
    });
    expect(await replayOutbox()).toMatchObject({ stopped: { reason: 'server', status: 409 }, rejected: [], remaining: 1 });
    expect((await pendingCommands()).map((pending) => pending.id)).toEqual([command.id]);
    expect(await listRejections()).toEqual([]);
  });

  it('keeps everything when the session expired, but drops a command whose page token expired', async () => {
    await enqueueCommand(ack('a'));
    stubFetch({ 'POST /api/v1/incidents/a/acknowledge': () => errorResponse(401, 'unauthorized', 'sign in first') });
    expect(await replayOutbox()).toMatchObject({ stopped: { reason: 'unauthorized' }, remaining: 1 });

    stubFetch({
      'POST /api/v1/incidents/a/acknowledge': () => jsonResponse(200, {}),
      'POST /api/v1/page-actions/acknowledge': () =>
        errorResponse(401, 'invalid_page_token', 'the page token is expired; open the app to acknowledge'),
    });
    await enqueueCommand({ method: 'POST', path: '/api/v1/page-actions/acknowledge', kind: 'acknowledge', body: { token: 't' } });
    const report = await replayOutbox();
    expect(report).toMatchObject({ stopped: null, remaining: 0 });
    expect(report.rejected.map((rejection) => rejection.status)).toEqual([401]);
  });

  it('queues a command given twice under one key only once', async () => {
    const id = crypto.randomUUID();
    await enqueueCommand({ ...ack('a'), id });
    await enqueueCommand({ ...ack('a'), id });
    expect(await pendingCommands()).toHaveLength(1);
  });

  it('sends each command once when replays are asked for at the same time', async () => {
    await enqueueCommand(ack('a'));
    await enqueueCommand(ack('b'));
    const { requests, applied } = idempotentServer();

    const reports = await Promise.all([replayOutbox(), replayOutbox(), replayOutbox()]);

    expect(requests).toHaveLength(2);
    expect(applied).toHaveLength(2);
    expect(reports.flatMap((report) => report.sent)).toHaveLength(2);
  });

  it('sends a command queued while a replay is already running', async () => {
    await enqueueCommand(ack('a'));
    const { requests } = idempotentServer();
    const running = replayOutbox();
    await enqueueCommand(ack('b'));
    await Promise.all([running, replayOutbox()]);
    expect(requests.map((req) => req.path)).toEqual(['/api/v1/incidents/a/acknowledge', '/api/v1/incidents/b/acknowledge']);
    expect(await pendingCommands()).toEqual([]);
  });
});
