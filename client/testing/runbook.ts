import type { IncidentRunbook } from '../../shared/api/runbooks';
import { runbookSteps } from '../../shared/domain/runbook-steps';

export const runbookMarkdown = [
  '# Checkout is down',
  '',
  'Open [the dashboard](https://grafana.example.com/d/checkout) first.',
  '',
  '- [ ] Check the error rate',
  '- [x] Page the database owner',
  '- [ ] Roll back the last deploy',
].join('\n');

/** An incident's runbook with its steps as the server would send them (nothing ticked on the incident yet). */
export function incidentRunbook(markdown = runbookMarkdown, alertClass: string | null = null): IncidentRunbook {
  return {
    alertClass,
    markdown,
    steps: runbookSteps(markdown).map((step) => ({ index: step.index, label: step.label, done: step.checkedInSource, by: null, at: null })),
  };
}
