import type { Clock } from './clock';
import type { Db } from './db/client';
import type { IncidentEvents } from './events/incident-events';

/** What the service verbs need: storage, time, and whom to tell after a commit. */
export interface Runtime {
  db: Db;
  clock: Clock;
  events: IncidentEvents;
  /** Wakes the paging engine after a write that may have created due work. */
  wakeEngine(): void;
}

/** Tells open apps and the engine about a committed change to one incident. */
export function afterIncidentCommit(rt: Runtime, incidentId: string, reason: string): void {
  rt.wakeEngine();
  rt.events.publish({ incidentId, reason });
}
