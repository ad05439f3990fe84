import { describe, expect, it } from 'vitest';
import { timelineEventTypes } from '../../shared/api/incidents';
import { serviceEventBody, serviceEventOf } from './service-events';

describe('serviceEventOf', () => {
  it('tells webhooks of triggers, acknowledgements, resolutions, notes and severity changes', () => {
    const told = timelineEventTypes.flatMap((type) => {
      const event = serviceEventOf({ type, data: {} });
      return event ? [[type, event]] : [];
    });
    expect(told).toEqual([
      ['triggered', 'incident.triggered'],
      ['acknowledged', 'incident.acknowledged'],
      ['resolved', 'incident.resolved'],
      ['note', 'incident.note_added'],
      ['severity_changed', 'incident.severity_changed'],
      ['step_reached', 'incident.escalated'],
    ]);
  });

  it('counts reaching any step but the very first as escalating, a new round included', () => {
    expect(serviceEventOf({ type: 'step_reached', data: { step: 1, of: 2, loop: 0 } })).toBeNull();
    expect(serviceEventOf({ type: 'step_reached', data: { step: 2, of: 2, loop: 0 } })).toBe('incident.escalated');
    expect(serviceEventOf({ type: 'step_reached', data: { step: 1, of: 2, loop: 1 } })).toBe('incident.escalated');
    // The person's "escalate" is followed by the step it reached: told once, through that.
    expect(serviceEventOf({ type: 'escalated', data: { fromStep: 1 } })).toBeNull();
  });
});

describe('serviceEventBody', () => {
  it('carries the event, its place in the timeline, the incident and who did it', () => {
    const at = new Date('2026-03-02T02:13:00Z');
    const incident = { id: 'inc-1', number: 42, title: 'Checkout 5xx', severity: 'SEV-2' as const, status: 'acknowledged' as const, service: { id: 'svc-1', name: 'Checkout' } };
    const event = { incidentId: 'inc-1', seq: 7, type: 'acknowledged' as const, at, actor: { type: 'user' as const, id: 'u-1', name: 'Ada' }, data: { from: 'triggered' } };
    expect(serviceEventBody('msg-1', 'incident.acknowledged', event, incident)).toEqual({
      id: 'msg-1',
      event: 'incident.acknowledged',
      sequence: 7,
      occurredAt: '2026-03-02T02:13:00.000Z',
      incident: { ...incident, url: '/incidents/inc-1' },
      data: { from: 'triggered', by: 'Ada' },
    });
  });
});
