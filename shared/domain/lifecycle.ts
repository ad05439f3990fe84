/**
 * The incident lifecycle: one transition table used by the server's verbs and the
 * client's optimistic offline updates alike.
 */
export const incidentStatuses = ['triggered', 'acknowledged', 'resolved'] as const;
export type IncidentStatus = (typeof incidentStatuses)[number];

export const incidentCommands = ['acknowledge', 'resolve', 'retrigger'] as const;
export type IncidentCommand = (typeof incidentCommands)[number];

const transitions: Record<IncidentStatus, Partial<Record<IncidentCommand, IncidentStatus>>> = {
  triggered: { acknowledge: 'acknowledged', resolve: 'resolved' },
  acknowledged: { resolve: 'resolved', retrigger: 'triggered' },
  resolved: { retrigger: 'triggered' },
};

const refusals: Record<IncidentCommand, Partial<Record<IncidentStatus, string>>> = {
  acknowledge: {
    acknowledged: 'the incident is already acknowledged',
    resolved: 'the incident is already resolved',
  },
  resolve: { resolved: 'the incident is already resolved' },
  retrigger: { triggered: 'the incident is already triggered' },
};

export type TransitionResult =
  | { ok: true; from: IncidentStatus; to: IncidentStatus }
  | { ok: false; from: IncidentStatus; reason: string };

export function transition(from: IncidentStatus, command: IncidentCommand): TransitionResult {
  const to = transitions[from][command];
  if (to) return { ok: true, from, to };
  return { ok: false, from, reason: refusals[command][from] ?? `cannot ${command} a ${from} incident` };
}

export function canApply(from: IncidentStatus, command: IncidentCommand): boolean {
  return transitions[from][command] !== undefined;
}

export function isOpen(status: IncidentStatus): boolean {
  return status !== 'resolved';
}

/** Paging goes on only while nobody has acknowledged: only a triggered incident is paged or escalated. */
export function isPaging(status: IncidentStatus): boolean {
  return status === 'triggered';
}
