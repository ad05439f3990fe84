import { asc, sql, type AnyColumn, type SQL } from 'drizzle-orm';

/**
 * The first sort key of every engine claim (escalations, pages, pushes, contact and webhook messages): work for
 * real incidents before work for game-day drills. A claim takes a batch; when a drill has queued more than one
 * batch of pages, a real SEV-1 that falls due meanwhile still goes out in the very next batch, not after the
 * drill's backlog. `drillId` is the incidents column, null for real incidents and for rows with no incident.
 */
export function realIncidentsFirst(drillId: AnyColumn): SQL {
  return asc(sql`case when ${drillId} is null then 0 else 1 end`);
}
