import { onScopeDispose, watch } from 'vue';
import { useIncidentsStore } from '../stores/incidents';
import { useSessionStore } from '../stores/session';

const streamUrl = '/api/v1/stream';

interface IncidentChange {
  incidentId?: unknown;
}

/**
 * While signed in, listens to the server's event stream and refetches what changed: someone
 * else acknowledging on their phone shows up here within a moment. The browser reconnects by
 * itself after a drop; each (re)connect refetches what is on screen, to catch what was missed.
 */
export function useLiveUpdates(): void {
  if (typeof EventSource === 'undefined') return;
  const session = useSessionStore();
  const incidents = useIncidentsStore();
  let source: EventSource | null = null;

  const onIncident = (event: MessageEvent<string>) => {
    let change: IncidentChange;
    try {
      change = JSON.parse(event.data) as IncidentChange;
    } catch {
      return;
    }
    if (typeof change.incidentId === 'string') void incidents.refresh(new Set([change.incidentId]));
  };
  const onReady = () => void incidents.refresh();

  const close = () => {
    source?.close();
    source = null;
  };
  const connect = () => {
    close();
    source = new EventSource(streamUrl);
    source.addEventListener('incident', onIncident);
    source.addEventListener('ready', onReady);
  };

  watch(
    () => session.me?.id,
    (userId) => (userId ? connect() : close()),
    { immediate: true },
  );
  onScopeDispose(close);
}
