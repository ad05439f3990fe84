/**
 * An alert's class: the kind of problem, across its instances. PagerDuty events name it (`payload.class`);
 * Alertmanager and Grafana alerts are known by their `alertname` label. Runbooks are chosen by it and metrics
 * count repeat offenders by it. Null when the tool said nothing that names a class.
 */
export function alertClassOf(details: Record<string, unknown>): string | null {
  const named = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : null);
  const labels = details.labels;
  const alertname = labels && typeof labels === 'object' ? (labels as Record<string, unknown>).alertname : undefined;
  return named(details.class) ?? named(alertname);
}
