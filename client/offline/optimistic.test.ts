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
