import type { Broadcast } from '../db/client';
import type { IncidentChange, IncidentEvents } from '../events/incident-events';

export const incidentChannel = 'muster_incidents';

/**
 * Makes incident changes reach every instance's live streams: changes committed here are announced on the
 * database's channel, and changes announced by other instances are published here. A change that came in
 * from another instance carries its `origin` and is not sent out again.
 */
export async function relayIncidentChanges(events: IncidentEvents, broadcast: Broadcast, instanceId: string): Promise<void> {
  await broadcast.listen(incidentChannel, (payload) => {
    const change = JSON.parse(payload) as IncidentChange;
    if (change.origin !== instanceId) events.publish(change);
  });
  events.subscribe((change) => {
    if (change.origin) return;
    broadcast.notify(incidentChannel, JSON.stringify({ ...change, origin: instanceId })).catch((err: Error) => {
      console.error('Could not tell the other instances about an incident change:', err.message);
    });
  });
}
