import { describe, expect, it } from 'vitest';
import type { Actor } from '../../shared/api/incidents';
import { incidentDetail } from '../testing/fixtures';
import type { OutboxCommand } from './db';
import { applyCommand, incidentCommand, project, type IncidentCommandInput } from './optimistic';
import { phaseCommandRefusal } from './phase-commands';

const ada: Actor = { type: 'user', id: 'u-ada', name: 'Ada Lovelace' };
let sequence = 0;
function queued(input: IncidentCommandInput): OutboxCommand {
  sequence += 1;
  return { ...incidentCommand('inc-7', input), id: `c${sequence}`, createdAt: new Date(Date.now() - 1000 + sequence).toISOString() };
}
const events = (incident: { timeline: Array<{ type: string; data: unknown }> }) => incident.timeline.slice(1).map(({ type, data }) => ({ type, data }));

describe('phase, mitigate, title and times commands', () => {
  it('builds the REST call for each', () => {
    expect(incidentCommand('i1', { kind: 'phase', phase: 'recovery' })).toEqual({ method: 'POST', path: '/api/v1/incidents/i1/phase', kind: 'phase', incidentId: 'i1', body: { phase: 'recovery' } });
    expect(incidentCommand('i1', { kind: 'mitigate' })).toEqual({ method: 'POST', path: '/api/v1/incidents/i1/mitigate', kind: 'mitigate', incidentId: 'i1' });
    expect(incidentCommand('i1', { kind: 'title', title: 'x' })).toMatchObject({ method: 'PATCH', path: '/api/v1/incidents/i1', body: { title: 'x' } });
    expect(incidentCommand('i1', { kind: 'times', times: { startedAt: '2026-03-02T03:00:00Z' } })).toMatchObject({ method: 'PATCH', body: { startedAt: '2026-03-02T03:00:00Z' } });
  });

  it('moves the phase through the shared rule; resolution marks mitigated; refused moves are null', () => {
    const response = incidentDetail({ status: 'acknowledged', phase: 'response' });
    const move = queued({ kind: 'phase', phase: 'resolution' });
    const shown = applyCommand(response, move, ada)!;
    expect(shown).toMatchObject({ phase: 'resolution', mitigatedAt: move.createdAt });
    expect(events(shown)).toEqual([
      { type: 'phase_changed', data: { from: 'response', to: 'resolution' } },
      { type: 'mitigated', data: { at: move.createdAt } },
    ]);
    expect(applyCommand(response, queued({ kind: 'phase', phase: 'recovery' }), ada)).toBeNull();
    expect(applyCommand(incidentDetail({ status: 'resolved', phase: 'review', severity: 'SEV-1' }), queued({ kind: 'phase', phase: 'closed' }), ada)).toBeNull();
  });

  it('marks mitigated once and replays a queue in order', () => {
    const commands = [queued({ kind: 'acknowledge' }), queued({ kind: 'mitigate' }), queued({ kind: 'mitigate' }), queued({ kind: 'title', title: ' DB failover ' })];
    const shown = project(incidentDetail(), commands, ada);
    expect(shown).toMatchObject({ status: 'acknowledged', phase: 'resolution', mitigatedAt: commands[1].createdAt, title: 'DB failover' });
    expect(events(shown).map((event) => event.type)).toEqual(['acknowledged', 'mitigated', 'title_changed']);
  });

  it('corrects times with the old value kept, refusing what the server would', () => {
    const incident = incidentDetail();
    const earlier = new Date(new Date(incident.startedAt).getTime() - 60_000).toISOString();
    const shown = applyCommand(incident, queued({ kind: 'times', times: { startedAt: earlier } }), ada)!;
    expect(shown.startedAt).toBe(earlier);
    expect(events(shown)).toEqual([{ type: 'timestamp_corrected', data: { field: 'startedAt', from: incident.startedAt, to: earlier } }]);
    const later = new Date(new Date(incident.detectedAt).getTime() + 1000).toISOString();
    expect(applyCommand(incident, queued({ kind: 'times', times: { startedAt: later } }), ada)).toBeNull();
    expect(phaseCommandRefusal(incident, { kind: 'times', times: { startedAt: later } })).toMatch(/^startedAt must be at or before detectedAt/);
  });

  it('a resolved incident takes no severity change', () => {
    expect(applyCommand(incidentDetail({ status: 'resolved', phase: 'recovery' }), queued({ kind: 'severity', severity: 'SEV-1' }), ada)).toBeNull();
  });
});
