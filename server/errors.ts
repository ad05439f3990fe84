import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiErrorBody } from '../shared/api/common';

/** An error the client caused or may act on; mapped to `{"error":{code,message}}` by `onError`. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const badRequest = (message: string) => new ApiError(400, 'bad_request', message);
export const unauthorized = (message = 'sign in first') => new ApiError(401, 'unauthorized', message);
export const forbidden = (message: string) => new ApiError(403, 'forbidden', message);
export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} not found`);
export const conflict = (message: string) => new ApiError(409, 'conflict', message);
export const tooManyRequests = (retryAfterSeconds: number, message: string) =>
  new ApiError(429, 'rate_limited', message, { 'Retry-After': String(retryAfterSeconds) });

export function errorResponse(c: Context, status: ContentfulStatusCode, code: string, message: string) {
  const body: ApiErrorBody = { error: { code, message } };
  return c.json(body, status);
}

const codeForStatus: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
};

export function onError(err: Error, c: Context) {
  if (err instanceof ApiError) {
    for (const [name, value] of Object.entries(err.headers)) c.header(name, value);
    return errorResponse(c, err.status, err.code, err.message);
  }
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    return errorResponse(c, status, codeForStatus[status] ?? 'http_error', err.message || 'request refused');
  }
  console.error('Unhandled error on %s %s', c.req.method, c.req.path, err);
  return errorResponse(c, 500, 'internal', 'internal error; the request was not applied');
}
