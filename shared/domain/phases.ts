import type { IncidentStatus } from './lifecycle';
import type { Severity } from './severity';

/**
 * The incident-management lifecycle after detection: triage → response → resolution → recovery → review →
 * closed. One table of rules used by the server's verbs and the phone's optimistic offline updates alike.
 * The status (triggered / acknowledged / resolved) says whether paging goes on; the phase says where the
 * response stands.
 */
export const incidentPhases = ['triage', 'response', 'resolution', 'recovery', 'review', 'closed'] as const;
export type IncidentPhase = (typeof incidentPhases)[number];

export const phaseLabels: Record<IncidentPhase, string> = {
  triage: 'Triage',
  response: 'Response',
  resolution: 'Resolution',
  recovery: 'Recovery',
  review: 'Post-incident review',
  closed: 'Closed',
};

/** Severities whose incidents may only be closed once their post-incident review is completed. */
export const reviewRequiredSeverities: readonly Severity[] = ['SEV-1', 'SEV-2'];

export function reviewRequired(severity: Severity): boolean {
  return reviewRequiredSeverities.includes(severity);
}

const order = (phase: IncidentPhase) => incidentPhases.indexOf(phase);

/** Phases only a resolved incident can be in: recovery checks, the review and closing follow the fix. */
const afterResolution: readonly IncidentPhase[] = ['recovery', 'review', 'closed'];

export interface PhaseSubject {
  phase: IncidentPhase;
  status: IncidentStatus;
  severity: Severity;
  reviewCompletedAt: string | Date | null;
}

export type PhaseMove = { ok: true; from: IncidentPhase; to: IncidentPhase } | { ok: false; reason: string };

/**
 * A person moves the incident on to `to`. Phases only go forward (reopening is its own command); recovery,
 * review and closed need the incident resolved; closing a SEV-1/SEV-2 needs its review completed.
 */
export function movePhase(incident: PhaseSubject, to: IncidentPhase): PhaseMove {
  const from = incident.phase;
  if (to === from) return { ok: false, reason: `the incident is already in ${phaseLabels[to].toLowerCase()}` };
  if (order(to) < order(from)) return { ok: false, reason: `phases only move forward: it is in ${phaseLabels[from].toLowerCase()}` };
  if (afterResolution.includes(to) && incident.status !== 'resolved') {
    return { ok: false, reason: `resolve the incident before moving it to ${phaseLabels[to].toLowerCase()}` };
  }
  if (to === 'closed' && reviewRequired(incident.severity) && !incident.reviewCompletedAt) {
    return { ok: false, reason: `a ${incident.severity} incident needs a completed post-incident review before it is closed` };
  }
  return { ok: true, from, to };
}

/**
 * The phase a status command leaves the incident in: acknowledging starts the response, resolving starts
 * recovery, re-triggering (or reopening) goes back to triage. Never moves a phase backwards otherwise.
 */
export function phaseAfterStatus(phase: IncidentPhase, status: IncidentStatus): IncidentPhase {
  if (status === 'triggered') return 'triage';
  if (status === 'resolved') return order(phase) < order('recovery') ? 'recovery' : phase;
  return order(phase) < order('response') ? 'response' : phase;
}

/** Marking the incident mitigated moves a response on to resolution (never back from a later phase). */
export function phaseAfterMitigation(phase: IncidentPhase): IncidentPhase {
  return order(phase) < order('resolution') ? 'resolution' : phase;
}

/** The next phase a person would move to, for the one-tap "move on" button; null once closed. */
export function nextPhase(phase: IncidentPhase): IncidentPhase | null {
  return incidentPhases[order(phase) + 1] ?? null;
}
