import { describe, expect, it } from 'vitest';
import { serviceEventTypes } from '../../../shared/domain/service-events';
import { attemptWording, eventsWording } from './webhook-wording';

describe('eventsWording', () => {
  it('says "All events" for all, else names them in the usual order', () => {
    expect(eventsWording([...serviceEventTypes].reverse())).toBe('All events');
    expect(eventsWording(['incident.resolved', 'incident.triggered'])).toBe('Triggered, Resolved');
    expect(eventsWording(['incident.note_added'])).toBe('Note added');
  });
});

describe('attemptWording', () => {
  it('words each outcome with its status and how long it took', () => {
    expect(attemptWording({ outcome: 'delivered', status: 200, durationMs: 85 })).toEqual({ label: 'Delivered', tone: 'ok', detail: 'HTTP 200 · 85 ms' });
    expect(attemptWording({ outcome: 'retryable', status: 503, durationMs: 1240 })).toEqual({ label: 'Failed', tone: 'failed', detail: 'HTTP 503 · 1.2 s' });
    expect(attemptWording({ outcome: 'retryable', status: null, durationMs: 10_000 })).toEqual({ label: 'Failed', tone: 'failed', detail: 'no answer · 10.0 s' });
    expect(attemptWording({ outcome: 'rejected', status: 404, durationMs: 40 })).toEqual({ label: 'Refused, not retried', tone: 'failed', detail: 'HTTP 404 · 40 ms' });
  });
});
