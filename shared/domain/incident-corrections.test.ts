import { describe, expect, it } from 'vitest';
import { checkTimeCorrections, markMitigated, realTimeChanges, severityChangeRefusal } from './incident-corrections';

const now = new Date('2026-12-02T12:00:00Z');
const incident = { startedAt: '2026-12-02T10:00:00.000Z', detectedAt: '2026-12-02T10:05:00.000Z', mitigatedAt: null };

describe('timestamp corrections', () => {
  it('accepts times in order, including an earlier start', () => {
    expect(checkTimeCorrections(incident, { startedAt: '2026-12-02T09:30:00+01:00' }, now)).toEqual({ ok: true });
    expect(checkTimeCorrections(incident, { mitigatedAt: '2026-12-02T11:00:00Z' }, now)).toEqual({ ok: true });
  });

  it('refuses a time in the future, naming the field', () => {
    expect(checkTimeCorrections(incident, { detectedAt: '2026-12-02T12:00:01Z' }, now)).toMatchObject({ ok: false, field: 'detectedAt', reason: expect.stringContaining('future') });
  });

  it('refuses a start after detection and a mitigation before the start', () => {
    expect(checkTimeCorrections(incident, { startedAt: '2026-12-02T10:06:00Z' }, now)).toMatchObject({ ok: false, field: 'startedAt' });
    expect(checkTimeCorrections(incident, { detectedAt: '2026-12-02T09:59:00Z' }, now)).toMatchObject({ ok: false, field: 'detectedAt' });
    expect(checkTimeCorrections(incident, { mitigatedAt: '2026-12-02T09:59:00Z' }, now)).toMatchObject({ ok: false, field: 'mitigatedAt' });
    expect(checkTimeCorrections({ ...incident, mitigatedAt: '2026-12-02T10:30:00Z' }, { startedAt: '2026-12-02T10:31:00Z', detectedAt: '2026-12-02T10:32:00Z' }, now)).toMatchObject({ ok: false, field: 'startedAt' });
  });

  it('keeps only real changes, with the old value', () => {
    expect(realTimeChanges(incident, { startedAt: '2026-12-02T11:00:00+01:00', mitigatedAt: '2026-12-02T11:00:00Z' })).toEqual([
      { field: 'mitigatedAt', from: null, to: '2026-12-02T11:00:00.000Z' },
    ]);
  });
});

describe('mitigation and severity', () => {
  it('marks mitigated once, moving a response on to resolution but never back', () => {
    expect(markMitigated({ phase: 'response', mitigatedAt: null })).toEqual({ ok: true, phase: 'resolution' });
    expect(markMitigated({ phase: 'recovery', mitigatedAt: null })).toEqual({ ok: true, phase: 'recovery' });
    expect(markMitigated({ phase: 'resolution', mitigatedAt: '2026-12-02T10:00:00Z' })).toMatchObject({ ok: false });
  });

  it('refuses severity changes once resolved or closed', () => {
    expect(severityChangeRefusal({ status: 'acknowledged', phase: 'response' })).toBeNull();
    expect(severityChangeRefusal({ status: 'resolved', phase: 'recovery' })).toContain('reopen');
  });
});
