import { severities, type Severity } from './severity';

/** The severities monitoring tools send (PagerDuty's Events API, Alertmanager's `severity` label). */
export const alertSeverities = ['critical', 'error', 'warning', 'info'] as const;
export type AlertSeverity = (typeof alertSeverities)[number];

/** How a service turns a tool's severity into an incident severity; `default` is for alerts that carry none Muster knows. */
export type SeverityMapping = Record<AlertSeverity | 'default', Severity>;

export const defaultSeverityMapping: SeverityMapping = {
  critical: 'SEV-1',
  error: 'SEV-2',
  warning: 'SEV-3',
  info: 'SEV-4',
  default: 'SEV-3',
};

/**
 * The incident severity for what a tool sent: one of PagerDuty's four words (any case), Muster's own
 * "SEV-1".."SEV-4", or anything else, which takes the service's default.
 */
export function incidentSeverityFor(sent: string | null | undefined, mapping: SeverityMapping): Severity {
  const word = sent?.trim() ?? '';
  const own = severities.find((severity) => severity.toLowerCase() === word.toLowerCase());
  if (own) return own;
  const known = alertSeverities.find((severity) => severity === word.toLowerCase());
  return mapping[known ?? 'default'];
}
