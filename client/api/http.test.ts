import { afterEach, describe, expect, it, vi } from 'vitest';
import { errorResponse, jsonResponse, stubFetch } from '../testing/fetch-stub';
import { ApiError, request } from './http';
import { incidentsApi } from './incidents';

afterEach(() => vi.unstubAllGlobals());

async function caught(promise: Promise<unknown>): Promise<ApiError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiError);
  return err as ApiError;
}

describe('api client', () => {
  it('maps the server error body to an ApiError with status, code and message', async () => {
    stubFetch({
      'POST /api/v1/incidents/i1/resolve': () =>
        errorResponse(409, 'conflict', 'cannot resolve incident #4: the incident is already resolved'),
    });
    const err = await caught(incidentsApi.resolve('i1'));
    expect(err).toMatchObject({
      status: 409,
      code: 'conflict',
      message: 'cannot resolve incident #4: the incident is already resolved',
    });
  });

  it('still gives a typed error when a proxy answers with HTML', async () => {
    stubFetch({ 'GET /api/v1/me': () => new Response('<h1>Bad Gateway</h1>', { status: 502, statusText: 'Bad Gateway' }) });
    const err = await caught(request('GET', '/me'));
    expect(err).toMatchObject({ status: 502, code: 'http_502' });
    expect(err.message).toContain('502');
  });

  it('reports a network failure as status 0', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    const err = await caught(request('GET', '/me'));
    expect(err).toMatchObject({ status: 0, code: 'network' });
  });

  it('sends JSON with the session cookie and a fresh Idempotency-Key on each mutating call', async () => {
    const { requests } = stubFetch({
      'POST /api/v1/incidents/i1/notes': (req) => jsonResponse(201, { id: 'e1', type: 'note', data: req.body }),
    });
    await incidentsApi.addNote('i1', { text: 'failover started' });
    await incidentsApi.addNote('i1', { text: 'failover done' });

    const [first, second] = requests;
    expect(first.credentials).toBe('same-origin');
    expect(first.headers.get('Content-Type')).toBe('application/json');
    expect(first.body).toEqual({ text: 'failover started' });
    expect(first.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
    expect(second.headers.get('Idempotency-Key')).not.toBe(first.headers.get('Idempotency-Key'));
  });

  it('sends no Idempotency-Key on reads and passes list filters as a comma list', async () => {
    const { requests } = stubFetch({ 'GET /api/v1/incidents': () => jsonResponse(200, { items: [], nextCursor: null }) });
    await incidentsApi.list({ status: ['triggered', 'acknowledged'], limit: 20 });
    expect(requests[0].headers.has('Idempotency-Key')).toBe(false);
    expect(requests[0].query.get('status')).toBe('triggered,acknowledged');
    expect(requests[0].query.get('limit')).toBe('20');
  });
});
