/**
 * Where an escalation goes next. Steps are numbered from 0 and the whole policy runs
 * `repeat + 1` times; after that escalation is exhausted.
 */
export interface EscalationPosition {
  step: number;
  loop: number;
}

export type NextPosition = { exhausted: false; position: EscalationPosition } | { exhausted: true };

export function nextEscalationPosition(
  current: EscalationPosition,
  stepCount: number,
  repeat: number,
  /** A manual escalation always moves on, wrapping to step 0 instead of stopping. */
  manual = false,
): NextPosition {
  if (current.step + 1 < stepCount) return { exhausted: false, position: { step: current.step + 1, loop: current.loop } };
  if (current.loop < repeat || manual) return { exhausted: false, position: { step: 0, loop: current.loop + 1 } };
  return { exhausted: true };
}

/** Push TTL: a page is worthless once the next step has paged someone else, but never under a minute. */
export function pageTtlSeconds(secondsUntilNextStep: number | null): number {
  if (secondsUntilNextStep === null) return 3600;
  return Math.max(60, Math.ceil(secondsUntilNextStep));
}
