import { describe, expect, it } from 'vitest';
import { outcomeForAnswer } from './http-delivery';

const now = new Date('2026-03-01T02:13:00Z');
const answer = (status: number, headers: Record<string, string> = {}) => outcomeForAnswer('ntfy', { status, headers }, now);

describe('outcomeForAnswer', () => {
  it.each([200, 201, 204])('%i is delivered', (status) => expect(answer(status)).toEqual({ kind: 'delivered', status }));

  it.each([500, 502, 503, 429])('%i is retried, by backoff when no Retry-After says when', (status) => {
    expect(answer(status)).toEqual({ kind: 'retryable', status, error: `ntfy answered ${status}` });
  });

  it('honours Retry-After in seconds or as a date', () => {
    expect(answer(503, { 'retry-after': '120' })).toMatchObject({ kind: 'retryable', retryAfterMs: 120_000 });
    expect(answer(429, { 'retry-after': 'Sun, 01 Mar 2026 02:13:30 GMT' })).toMatchObject({ kind: 'retryable', retryAfterMs: 30_000 });
  });

  it.each([400, 401, 403, 404, 413, 301, 302])('%i is rejected: the same request would meet the same answer', (status) => {
    expect(answer(status, { 'retry-after': '5' })).toEqual({ kind: 'rejected', status, error: `ntfy answered ${status}` });
  });
});
