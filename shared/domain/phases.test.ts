import { describe, expect, it } from 'vitest';
import { movePhase, nextPhase, phaseAfterMitigation, phaseAfterStatus, type PhaseSubject } from './phases';

const incident = (over: Partial<PhaseSubject> = {}): PhaseSubject => ({
  phase: 'triage',
  status: 'triggered',
  severity: 'SEV-3',
  reviewCompletedAt: null,
  ...over,
});

describe('phase rules', () => {
  it('moves forward, never back or to the same phase', () => {
    expect(movePhase(incident(), 'response')).toEqual({ ok: true, from: 'triage', to: 'response' });
    expect(movePhase(incident({ phase: 'response', status: 'acknowledged' }), 'triage')).toMatchObject({ ok: false, reason: expect.stringContaining('forward') });
    expect(movePhase(incident(), 'triage')).toMatchObject({ ok: false, reason: expect.stringContaining('already') });
  });

  it('needs the incident resolved for recovery, review and closed', () => {
    for (const to of ['recovery', 'review', 'closed'] as const) {
      expect(movePhase(incident({ phase: 'resolution', status: 'acknowledged' }), to)).toMatchObject({ ok: false, reason: expect.stringContaining('resolve') });
    }
    expect(movePhase(incident({ phase: 'recovery', status: 'resolved' }), 'review')).toEqual({ ok: true, from: 'recovery', to: 'review' });
  });

  it('closes a SEV-1 or SEV-2 only with a completed review, others without', () => {
    const resolved = { phase: 'review' as const, status: 'resolved' as const };
    expect(movePhase(incident({ ...resolved, severity: 'SEV-1' }), 'closed')).toMatchObject({ ok: false, reason: expect.stringContaining('review') });
    expect(movePhase(incident({ ...resolved, severity: 'SEV-2' }), 'closed').ok).toBe(false);
    expect(movePhase(incident({ ...resolved, severity: 'SEV-2', reviewCompletedAt: '2026-01-01T00:00:00Z' }), 'closed').ok).toBe(true);
    expect(movePhase(incident({ ...resolved, severity: 'SEV-3' }), 'closed').ok).toBe(true);
    expect(movePhase(incident({ phase: 'recovery', status: 'resolved', severity: 'SEV-4' }), 'closed').ok).toBe(true);
  });

  it('follows status changes: acknowledge → response, resolve → recovery, re-trigger → triage', () => {
    expect(phaseAfterStatus('triage', 'acknowledged')).toBe('response');
    expect(phaseAfterStatus('resolution', 'acknowledged')).toBe('resolution');
    expect(phaseAfterStatus('triage', 'resolved')).toBe('recovery');
    expect(phaseAfterStatus('resolution', 'resolved')).toBe('recovery');
    expect(phaseAfterStatus('review', 'resolved')).toBe('review');
    expect(phaseAfterStatus('closed', 'triggered')).toBe('triage');
  });

  it('mitigation moves to resolution but never back', () => {
    expect(phaseAfterMitigation('triage')).toBe('resolution');
    expect(phaseAfterMitigation('response')).toBe('resolution');
    expect(phaseAfterMitigation('recovery')).toBe('recovery');
  });

  it('offers the next phase until closed', () => {
    expect(nextPhase('triage')).toBe('response');
    expect(nextPhase('review')).toBe('closed');
    expect(nextPhase('closed')).toBeNull();
  });
});
