import { watch } from 'vue';
import { settlePagesExcept, syncAppBadge } from '../sw/page-store';
import { useIncidentsStore } from '../stores/incidents';

/**
 * Keeps the home-screen badge honest once the app knows the incidents: a page acknowledged in
 * the app or by a colleague stops counting. The service worker counts up; this counts down.
 */
export function usePageBadge(): void {
  if (typeof indexedDB === 'undefined') return;
  const incidents = useIncidentsStore();
  watch(
    // A string, so the watcher runs when the set of triggered incidents changes, not on every refetch.
    () => (incidents.listLoaded ? incidents.open.filter((incident) => incident.status === 'triggered').map((incident) => incident.id).join(' ') : null),
    (triggered) => {
      if (triggered === null) return;
      void settlePagesExcept(new Set(triggered.split(' ')))
        .then(() => syncAppBadge(navigator))
        .catch((err: unknown) => console.error('could not update the app badge', err));
    },
    { immediate: true },
  );
}
