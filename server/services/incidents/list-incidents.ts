import type { Incident } from '../../../shared/api/incidents';
import { isPaging } from '../../../shared/domain/lifecycle';
import type { Tx } from '../../db/client';
import { pagingNames } from '../../db/stores/incident-search';
import { listIncidents as listIncidentRows, type IncidentFilter } from '../../db/stores/incidents';

/**
 * A page of incidents for a list. Triggered ones carry `pagingNow`, the names their current escalation step
 * pages, looked up for the whole page at once so a card can say "paging Ada, Bob" without opening each.
 */
export async function listIncidents(tx: Tx, filter: IncidentFilter): Promise<{ items: Incident[]; nextCursor: string | null }> {
  const page = await listIncidentRows(tx, filter);
  const paging = await pagingNames(
    tx,
    page.items.filter((incident) => isPaging(incident.status)).map((incident) => incident.id),
  );
  return {
    ...page,
    items: page.items.map((incident) => (isPaging(incident.status) ? { ...incident, pagingNow: paging.get(incident.id) ?? [] } : incident)),
  };
}
