import { describe, expect, it } from 'vitest';
import { effectiveCadenceMinutes, minutesText, nextUpdateDueAt, reminderAfter } from './update-cadence';

const at = (iso: string) => new Date(`2026-01-01T${iso}Z`);

describe('update cadence', () => {
  it('uses the incident’s own cadence, else the severity default, else none', () => {
    expect(effectiveCadenceMinutes('SEV-1', null)).toBe(30);
    expect(effectiveCadenceMinutes('SEV-2', undefined)).toBe(60);
    expect(effectiveCadenceMinutes('SEV-3', null)).toBeNull();
    expect(effectiveCadenceMinutes('SEV-4', 15)).toBe(15);
  });

  it('counts from the later of detection and the last update', () => {
    const base = { status: 'triggered' as const, severity: 'SEV-1' as const, updateCadenceMinutes: null, detectedAt: at('10:00:00') };
    expect(nextUpdateDueAt({ ...base, lastStatusUpdateAt: null })).toEqual(at('10:30:00'));
    expect(nextUpdateDueAt({ ...base, lastStatusUpdateAt: at('10:20:00') })).toEqual(at('10:50:00'));
    expect(nextUpdateDueAt({ ...base, lastStatusUpdateAt: at('09:00:00') })).toEqual(at('10:30:00'));
    expect(nextUpdateDueAt({ ...base, status: 'resolved', lastStatusUpdateAt: null })).toBeNull();
    expect(nextUpdateDueAt({ ...base, severity: 'SEV-3', lastStatusUpdateAt: null })).toBeNull();
  });

  it('reminds again one cadence later, never in the past', () => {
    expect(reminderAfter(at('10:30:00'), 30, at('10:30:00'))).toEqual(at('11:00:00'));
    expect(reminderAfter(at('10:30:00'), 30, at('12:00:00'))).toEqual(at('12:30:00'));
  });

  it('words minutes', () => {
    expect(minutesText(30)).toBe('30 min');
    expect(minutesText(65)).toBe('1 h 5 min');
    expect(minutesText(120)).toBe('2 h');
  });
});
