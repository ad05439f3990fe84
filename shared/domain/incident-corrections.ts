import type { IncidentStatus } from './lifecycle';
import { phaseAfterMitigation, type IncidentPhase } from './phases';

/**
 * Rules for what a commander corrects or marks on an incident after the fact: its timestamps, "mitigated",
 * and whether its severity may still change. Used by the server's verbs and the phone's optimistic updates.
 */

export const correctableTimes = ['startedAt', 'detectedAt', 'mitigatedAt'] as const;
export type CorrectableTime = (typeof correctableTimes)[number];

export const correctableTimeLabels: Record<CorrectableTime, string> = {
  startedAt: 'Impact started',
  detectedAt: 'Detected',
  mitigatedAt: 'Mitigated',
};

export type TimeCorrections = Partial<Record<CorrectableTime, string>>;

interface Timed {
  startedAt: string;
  detectedAt: string;
  mitigatedAt: string | null;
}

export type CorrectionCheck = { ok: true } | { ok: false; field: CorrectableTime; reason: string };

const ms = (iso: string) => new Date(iso).getTime();

/**
 * Checks corrections against the incident's other times: none in the future, impact starts no later than it
 * was detected, and mitigation comes after the start. The field named is the one the person changed.
 */
export function checkTimeCorrections(incident: Timed, changes: TimeCorrections, now: Date): CorrectionCheck {
  for (const field of correctableTimes) {
    const value = changes[field];
    if (value !== undefined && ms(value) > now.getTime()) return { ok: false, field, reason: `${field} must not be in the future` };
  }
  const startedAt = changes.startedAt ?? incident.startedAt;
  const detectedAt = changes.detectedAt ?? incident.detectedAt;
  const mitigatedAt = changes.mitigatedAt ?? incident.mitigatedAt;
  if (ms(startedAt) > ms(detectedAt)) {
    const field = changes.startedAt !== undefined ? 'startedAt' : 'detectedAt';
    return { ok: false, field, reason: field === 'startedAt' ? `startedAt must be at or before detectedAt (${detectedAt})` : `detectedAt must be at or after startedAt (${startedAt})` };
  }
  if (mitigatedAt !== null && ms(mitigatedAt) < ms(startedAt)) {
    const field = changes.mitigatedAt !== undefined ? 'mitigatedAt' : 'startedAt';
    return { ok: false, field, reason: field === 'mitigatedAt' ? `mitigatedAt must be at or after startedAt (${startedAt})` : `startedAt must be at or before mitigatedAt (${mitigatedAt})` };
  }
  return { ok: true };
}

/** The corrections that really change something (same instant written differently is no change). */
export function realTimeChanges(incident: Timed, changes: TimeCorrections): Array<{ field: CorrectableTime; from: string | null; to: string }> {
  return correctableTimes.flatMap((field) => {
    const to = changes[field];
    const from = incident[field];
    if (to === undefined || (from !== null && ms(from) === ms(to))) return [];
    return [{ field, from, to: new Date(to).toISOString() }];
  });
}

export type MitigationResult = { ok: true; phase: IncidentPhase } | { ok: false; reason: string };

/** Marking mitigated happens once; later changes to the time are corrections. */
export function markMitigated(incident: { phase: IncidentPhase; mitigatedAt: string | null }): MitigationResult {
  if (incident.mitigatedAt !== null) return { ok: false, reason: `it was already marked mitigated at ${incident.mitigatedAt}` };
  return { ok: true, phase: phaseAfterMitigation(incident.phase) };
}

/** A resolved or closed incident keeps the severity it had: a person reopens it first. */
export function severityChangeRefusal(incident: { status: IncidentStatus; phase: IncidentPhase }): string | null {
  if (incident.phase === 'closed') return 'it is closed; reopen it before changing its severity';
  if (incident.status === 'resolved') return 'it is resolved; reopen it before changing its severity';
  return null;
}
