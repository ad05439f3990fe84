import { vi } from 'vitest';

/** What the stub saw, so tests can assert on headers and bodies the app really sent. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Headers;
  credentials: RequestCredentials | undefined;
  body: unknown;
}

export type Handler = (request: RecordedRequest) => Response | Promise<Response>;

export function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

export function errorResponse(status: number, code: string, message: string): Response {
  return jsonResponse(status, { error: { code, message } });
}

/**
 * Replaces `fetch` with a tiny fake Muster server: routes are "METHOD /path" (query ignored).
 * Anything unrouted answers 404 in the server's error shape, as the real one does.
 */
export function stubFetch(routes: Record<string, Handler>) {
  const requests: RecordedRequest[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
      const url = new URL(String(input), 'http://muster.test');
      const text = typeof init.body === 'string' ? init.body : undefined;
      const request: RecordedRequest = {
        method: init.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: new Headers(init.headers),
        credentials: init.credentials,
        body: text === undefined ? undefined : JSON.parse(text),
      };
      requests.push(request);
      const handler = routes[`${request.method} ${request.path}`];
      if (!handler) return errorResponse(404, 'not_found', `no API endpoint ${request.method} ${request.path}`);
      return handler(request);
    }),
  );
  return { requests, routes };
}
