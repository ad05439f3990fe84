import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../../../shared/api/incidents';
import { describeEvent } from './timeline-wording';

const event = (type: TimelineEvent['type'], data: Record<string, unknown> = {}): TimelineEvent => ({
  id: 'e1',
  type,
  at: '2026-03-02T03:00:00Z',
  actor: { type: 'user', id: 'u1', name: 'Ada' },
  data,
});

describe('describeEvent', () => {
  it('puts the actor first in plain words', () => {
    expect(describeEvent(event('acknowledged', { from: 'triggered' }))).toEqual({ headline: 'Ada acknowledged' });
    expect(describeEvent(event('resolved')).headline).toBe('Ada resolved');
    expect(describeEvent(event('triggered', { severity: 'SEV-2' })).headline).toBe('Ada triggered the incident as SEV-2');
  });

  it('shows a severity change as old → new', () => {
    expect(describeEvent(event('severity_changed', { from: 'SEV-3', to: 'SEV-1' })).headline).toBe(
      'Ada changed severity SEV-3 → SEV-1',
    );
  });

  it('carries the note text and title change as the body', () => {
    expect(describeEvent(event('note', { text: 'DB failover started' }))).toEqual({
      headline: 'Ada added a note',
      body: 'DB failover started',
    });
    expect(describeEvent(event('title_changed', { from: 'Slow', to: 'Down' })).body).toBe('“Slow” → “Down”');
  });
});
