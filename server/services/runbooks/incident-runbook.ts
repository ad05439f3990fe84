import type { IncidentRunbook } from '../../../shared/api/runbooks';
import { alertClassOf } from '../../../shared/domain/alert-class';
import { runbookSteps } from '../../../shared/domain/runbook-steps';
import type { Tx } from '../../db/client';
import { alertDetailsInArrivalOrder, findRunbook, runbookClassesOf, tickedStepsOf } from '../../db/stores/runbooks';

/**
 * The runbook an incident follows: the first alert that names a class picks that class's runbook when the
 * service has one; otherwise (no class, or none written for it) the service's own. Null when neither exists.
 */
export async function incidentRunbook(tx: Tx, incident: { id: string; serviceId: string }): Promise<IncidentRunbook | null> {
  const written = await runbookClassesOf(tx, incident.serviceId);
  if (written.size === 0) return null;
  let alertClass = '';
  if ([...written].some((name) => name !== '')) {
    const firstNamed = (await alertDetailsInArrivalOrder(tx, incident.id)).map(alertClassOf).find((name) => name !== null);
    if (firstNamed && written.has(firstNamed)) alertClass = firstNamed;
  }
  const runbook = await findRunbook(tx, incident.serviceId, alertClass);
  if (!runbook) return null;
  const ticked = new Map((await tickedStepsOf(tx, incident.id)).map((step) => [step.index, step]));
  return {
    alertClass: runbook.alertClass,
    markdown: runbook.markdown,
    steps: runbookSteps(runbook.markdown).map((step) => {
      const tick = ticked.get(step.index);
      return {
        index: step.index,
        label: step.label,
        done: tick ? tick.done : step.checkedInSource,
        by: tick?.by ?? null,
        at: tick?.at.toISOString() ?? null,
      };
    }),
  };
}
