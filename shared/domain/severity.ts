/** Severity levels, most severe first. The index is the sort order everywhere. */
export const severities = ['SEV-1', 'SEV-2', 'SEV-3', 'SEV-4'] as const;
export type Severity = (typeof severities)[number];

export const severityLabels: Record<Severity, string> = {
  'SEV-1': 'Critical',
  'SEV-2': 'Major',
  'SEV-3': 'Minor',
  'SEV-4': 'Low',
};

export function severityRank(severity: Severity): number {
  return severities.indexOf(severity);
}

/** Pages for SEV-1/SEV-2 must wake people: Web Push `Urgency: high`. */
export function isUrgent(severity: Severity): boolean {
  return severityRank(severity) <= severityRank('SEV-2');
}

/** What each level means, shown wherever a person chooses one so the team picks levels alike. */
export const severityDefinitions: Record<Severity, string> = {
  'SEV-1': 'Complete outage or data loss for all users',
  'SEV-2': 'A core feature broken for many users',
  'SEV-3': 'Partial degradation with a workaround',
  'SEV-4': 'Minor issue, minimal impact',
};
