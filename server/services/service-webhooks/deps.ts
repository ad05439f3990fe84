import type { Clock } from '../../clock';
import type { Db } from '../../db/client';

/** What the service-webhook verbs reach besides the database: the app's deps fit it. */
export interface ServiceWebhookDeps {
  db: Db;
  clock: Clock;
  /** Entries of MUSTER_OUTGOING_ALLOWED_HOSTS: internal hosts that webhooks may call. */
  outgoingAllowedHosts: readonly string[];
}
