import { describe, expect, it } from 'vitest';
import type { Actor } from '../../shared/api/incidents';
import { incidentDetail } from '../testing/fixtures';
import type { OutboxCommand } from './db';
import { applyCommand, incidentCommand, project, type IncidentCommandInput } from './optimistic';

const ada: Actor = { type: 'user', id: 'u-ada', name: 'Ada Lovelace' };
let sequence = 0;
function queued(incidentId: string, input: IncidentCommandInput): OutboxCommand {
  sequence += 1;
  return { ...incidentCommand(incidentId, input), id: `c${sequence}`, createdAt: `2026-03-02T03:0${sequence}:00.000Z` };
}

describe('optimistic incident commands', () => {
  it('builds the REST call for each command', () => {
    expect(incidentCommand('i/1', { kind: 'acknowledge' })).toEqual({
      method: 'POST',
      path: '/api/v1/incidents/i%2F1/acknowledge',
      kind: 'acknowledge',
      incidentId: 'i/1',
    });
    expect(incidentCommand('i1', { kind: 'note', text: 'hi' })).toMatchObject({ method: 'POST', path: '/api/v1/incidents/i1/notes', body: { text: 'hi' } });
    expect(incidentCommand('i1', { kind: 'severity', severity: 'SEV-1' })).toMatchObject({ method: 'PATCH', path: '/api/v1/incidents/i1', body: { severity: 'SEV-1' } });
  });

  it('queues an escalation without changing what is shown', () => {
    const command = queued('inc-7', { kind: 'escalate' });
    expect(command).toMatchObject({ method: 'POST', path: '/api/v1/incidents/inc-7/escalate', kind: 'escalate' });
    const incident = incidentDetail();
    expect(project(incident, [command], ada)).toBe(incident);
  });

  it('acknowledges through the shared lifecycle and shows it in the timeline', () => {
    const command = queued('inc-7', { kind: 'acknowledge' });
    const shown = applyCommand(incidentDetail(), command, ada)!;
    expect(shown).toMatchObject({ status: 'acknowledged', acknowledgedAt: command.createdAt, updatedAt: command.createdAt });
    expect(shown.timeline.at(-1)).toEqual({ id: command.id, type: 'acknowledged', at: command.createdAt, actor: ada, data: { from: 'triggered', phase: { from: 'triage', to: 'response' } } });
    expect(shown.phase).toBe('response');
  });

  it('refuses what the lifecycle refuses, e.g. acknowledging a resolved incident', () => {
    expect(applyCommand(incidentDetail({ status: 'resolved' }), queued('inc-7', { kind: 'acknowledge' }), ada)).toBeNull();
  });

  it('applies the waiting commands of one incident in order and skips those that no longer apply', () => {
    const pending = [
      queued('inc-7', { kind: 'acknowledge' }),
      queued('other', { kind: 'resolve' }),
      queued('inc-7', { kind: 'note', text: 'rolled back' }),
      queued('inc-7', { kind: 'acknowledge' }),
      queued('inc-7', { kind: 'severity', severity: 'SEV-1' }),
      queued('inc-7', { kind: 'resolve' }),
    ];
    const shown = project(incidentDetail({ severity: 'SEV-2' }), pending, ada);
    expect(shown).toMatchObject({ status: 'resolved', severity: 'SEV-1' });
    expect(shown.timeline.map((event) => event.type)).toEqual(['triggered', 'acknowledged', 'note', 'severity_changed', 'resolved']);
    expect(shown.timeline[2].data).toEqual({ text: 'rolled back' });
  });

  it('changes list summaries too, without a timeline', () => {
    const { timeline: _timeline, ...summary } = incidentDetail();
    const shown = project(summary, [queued('inc-7', { kind: 'acknowledge' })], ada);
    expect(shown.status).toBe('acknowledged');
    expect('timeline' in shown).toBe(false);
  });
});

describe('reassign, snooze and reopen while waiting to send', () => {
  const queued = (incidentId: string, input: IncidentCommandInput): OutboxCommand => ({ ...incidentCommand(incidentId, input), id: crypto.randomUUID(), createdAt: '2026-03-02T03:00:00.000Z' });
  it('builds their REST calls', () => {
    expect(incidentCommand('i1', { kind: 'reassign', to: { type: 'user', id: 'u2', name: 'Bob' } })).toEqual({
      method: 'POST', path: '/api/v1/incidents/i1/reassign', kind: 'reassign', incidentId: 'i1', body: { userId: 'u2' },
    });
    expect(incidentCommand('i1', { kind: 'reassign', to: { type: 'policy', id: 'p1', name: 'DB' } }).body).toEqual({ policyId: 'p1' });
    expect(incidentCommand('i1', { kind: 'snooze', minutes: 30 })).toMatchObject({ path: '/api/v1/incidents/i1/snooze', body: { minutes: 30 } });
    expect(incidentCommand('i1', { kind: 'reopen' })).toEqual({ method: 'POST', path: '/api/v1/incidents/i1/reopen', kind: 'reopen', incidentId: 'i1' });
  });

  it('reassigning an acknowledged incident triggers it again and ends its snooze; a resolved one is refused', () => {
    const acknowledged = incidentDetail({ status: 'acknowledged', phase: 'response', acknowledgedBy: { id: 'u-ada', name: 'Ada' }, snoozedUntil: '2026-03-02T04:00:00.000Z' });
    const command = queued('inc-7', { kind: 'reassign', to: { type: 'user', id: 'u2', name: 'Bob' } });
    const shown = applyCommand(acknowledged, command, ada)!;
    expect(shown).toMatchObject({ status: 'triggered', phase: 'response', acknowledgedBy: null, snoozedUntil: null });
    expect(shown.timeline.at(-1)).toMatchObject({ type: 'reassigned', data: { to: { type: 'user', id: 'u2' }, from: 'acknowledged' } });
    expect(applyCommand(incidentDetail({ status: 'resolved' }), command, ada)).toBeNull();
  });

  it('snoozes only an acknowledged incident, until the command time plus its minutes', () => {
    const command = queued('inc-7', { kind: 'snooze', minutes: 15 });
    const until = new Date(new Date(command.createdAt).getTime() + 15 * 60_000).toISOString();
    const shown = applyCommand(incidentDetail({ status: 'acknowledged', phase: 'response' }), command, ada)!;
    expect(shown).toMatchObject({ status: 'acknowledged', snoozedUntil: until });
    expect(shown.timeline.at(-1)).toMatchObject({ type: 'snoozed', data: { minutes: 15, until } });
    expect(applyCommand(incidentDetail(), command, ada)).toBeNull();
    expect(applyCommand(incidentDetail({ status: 'resolved' }), command, ada)).toBeNull();
  });

  it('reopens a resolved incident through the shared retrigger rule, back to triage', () => {
    const resolved = incidentDetail({ status: 'resolved', phase: 'recovery', resolvedAt: '2026-03-02T02:00:00.000Z', closedAt: null });
    const command = queued('inc-7', { kind: 'reopen' });
    const shown = applyCommand(resolved, command, ada)!;
    expect(shown).toMatchObject({ status: 'triggered', phase: 'triage', resolvedAt: null, closedAt: null });
    expect(shown.timeline.at(-1)).toMatchObject({ type: 'reopened', data: { from: 'resolved', phase: { from: 'recovery', to: 'triage' } } });
    expect(applyCommand(incidentDetail({ status: 'acknowledged' }), command, ada)).toBeNull();
  });
});
