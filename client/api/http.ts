import type { ApiErrorBody } from '../../shared/api/common';

/** A refused or failed API call. `status` 0 means the request never got an answer (offline, DNS, reset). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The request never got an answer (offline, DNS, reset): worth showing cached data, not an error. */
export const noAnswer = (err: unknown): err is ApiError => err instanceof ApiError && err.status === 0;

const mutatingMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function isErrorBody(body: unknown): body is ApiErrorBody {
  const error = (body as ApiErrorBody | null)?.error;
  return typeof error?.code === 'string' && typeof error?.message === 'string';
}

async function toApiError(res: Response): Promise<ApiError> {
  const text = await res.text().catch(() => '');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    // A proxy in front of Muster may answer with HTML; fall through to a generic message.
  }
  if (isErrorBody(body)) return new ApiError(res.status, body.error.code, body.error.message);
  return new ApiError(res.status, `http_${res.status}`, `the server answered ${res.status} ${res.statusText}`.trim());
}

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | number | undefined>;
  /** Lets a caller (later: the offline outbox) replay a command under the key it was first sent with. */
  idempotencyKey?: string;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (mutatingMethods.has(method)) {
    // The server takes JSON for every write, bodyless commands included (it keeps other sites' forms out).
    headers['Content-Type'] = 'application/json';
    headers['Idempotency-Key'] = options.idempotencyKey ?? crypto.randomUUID();
  }

  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(options.query ?? {})) {
    if (value !== undefined) params.set(name, String(value));
  }
  const search = params.toString();
  const url = `/api/v1${path}${search ? `?${search}` : ''}`;

  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(0, 'network', 'no connection to the Muster server');
  }
  if (!res.ok) throw await toApiError(res);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}
