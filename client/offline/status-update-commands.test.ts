import { describe, expect, it } from 'vitest';
import type { Actor } from '../../shared/api/incidents';
import { incidentDetail } from '../testing/fixtures';
import type { OutboxCommand } from './db';
import { applyCommand, incidentCommand, type IncidentCommandInput } from './optimistic';

const ada: Actor = { type: 'user', id: 'u-ada', name: 'Ada Lovelace' };
const queued = (input: IncidentCommandInput, createdAt = '2026-03-02T03:10:00.000Z'): OutboxCommand => ({ ...incidentCommand('inc-7', input), id: 'c1', createdAt });
const detectedAt = '2026-03-02T03:00:00.000Z';

describe('status update commands offline', () => {
  it('builds the REST calls', () => {
    expect(incidentCommand('inc-7', { kind: 'status-update', text: ' Rolled back. ', audience: 'stakeholders' })).toEqual({
      method: 'POST',
      path: '/api/v1/incidents/inc-7/status-updates',
      kind: 'status-update',
      incidentId: 'inc-7',
      body: { text: 'Rolled back.', audience: 'stakeholders' },
    });
    expect(incidentCommand('inc-7', { kind: 'follow' })).toMatchObject({ method: 'POST', path: '/api/v1/incidents/inc-7/follow', body: { viaContactMethods: false } });
    expect(incidentCommand('inc-7', { kind: 'unfollow' })).toMatchObject({ method: 'DELETE', path: '/api/v1/incidents/inc-7/follow' });
    expect(incidentCommand('inc-7', { kind: 'cadence', minutes: 15 })).toMatchObject({ method: 'PATCH', path: '/api/v1/incidents/inc-7', body: { updateCadenceMinutes: 15 } });
  });

  it('shows a waiting update on the timeline and moves the next due time with the shared rule', () => {
    const command = queued({ kind: 'status-update', text: 'Rolled back.', audience: 'internal' });
    const shown = applyCommand(incidentDetail({ severity: 'SEV-1', detectedAt, updateCadenceMinutes: 30 }), command, ada)!;
    expect(shown.timeline.at(-1)).toEqual({ id: 'c1', type: 'status_update', at: command.createdAt, actor: ada, data: { text: 'Rolled back.', audience: 'internal' } });
    expect(shown).toMatchObject({ lastStatusUpdateAt: command.createdAt, nextUpdateDueAt: '2026-03-02T03:40:00.000Z' });
  });

  it('follows and unfollows, keeping a follow through the service', () => {
    const followed = applyCommand(incidentDetail(), queued({ kind: 'follow' }), ada)!;
    expect(followed).toMatchObject({ following: true, followers: [{ id: 'u-ada', name: 'Ada Lovelace', viaService: false }] });
    expect(applyCommand(followed, queued({ kind: 'unfollow' }), ada)).toMatchObject({ following: false, followers: [] });
    const viaService = incidentDetail({ following: true, followers: [{ id: 'u-ada', name: 'Ada Lovelace', viaService: true }] });
    expect(applyCommand(viaService, queued({ kind: 'unfollow' }), ada)).toMatchObject({ following: true });
  });

  it('sets the cadence, back to the severity default with null', () => {
    const incident = incidentDetail({ severity: 'SEV-2', detectedAt, updateCadenceMinutes: 60 });
    const fifteen = applyCommand(incident, queued({ kind: 'cadence', minutes: 15 }), ada)!;
    expect(fifteen).toMatchObject({ updateCadenceMinutes: 15, nextUpdateDueAt: '2026-03-02T03:15:00.000Z' });
    expect(applyCommand(fifteen, queued({ kind: 'cadence', minutes: null }), ada)).toMatchObject({ updateCadenceMinutes: 60, nextUpdateDueAt: '2026-03-02T04:00:00.000Z' });
  });
});
