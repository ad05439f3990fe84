import type { Incident } from '../../../shared/api/incidents';
import { movePhase, nextPhase, reviewRequired, type IncidentPhase } from '../../../shared/domain/phases';

/** The words on the one "move on" button, by the phase it moves to. */
export const nextMoveLabels: Record<IncidentPhase, string> = {
  triage: 'Back to triage',
  response: 'Start response',
  resolution: 'Mark mitigated',
  recovery: 'Move to recovery',
  review: 'Start review',
  closed: 'Close',
};

export interface NextMove {
  to: IncidentPhase;
  label: string;
  /** Reaching resolution is marking the incident mitigated, unless someone already gave its time. */
  command: 'mitigate' | 'phase';
  /** Why the shared rule refuses it now, as a sentence; null when it may be done. */
  refusal: string | null;
  /** The refusal is a missing post-incident review: link to where it is written. */
  needsReview: boolean;
}

export function nextMove(incident: Incident): NextMove | null {
  const to = nextPhase(incident.phase);
  if (!to) return null;
  const move = movePhase(incident, to);
  const refusal = move.ok ? null : move.reason.charAt(0).toUpperCase() + move.reason.slice(1) + '.';
  return {
    to,
    label: nextMoveLabels[to],
    command: to === 'resolution' && incident.mitigatedAt === null ? 'mitigate' : 'phase',
    refusal,
    needsReview: !move.ok && to === 'closed' && incident.status === 'resolved' && reviewRequired(incident.severity) && !incident.reviewCompletedAt,
  };
}
