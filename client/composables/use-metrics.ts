import { ref } from 'vue';
import type { MetricsReport } from '../../shared/domain/metrics';
import { noAnswer } from '../api/http';
import { metricsApi, type MetricsQuery } from '../api/metrics';
import { readSnapshot, saveSnapshot } from '../offline/cache';
import { useAction } from './use-action';

export interface MetricsSnapshot {
  query: MetricsQuery;
  report: MetricsReport;
  fetchedAt: string;
}

const snapshotKey = 'metrics';

/** The metrics for a query; offline, the last report seen (whatever its filters), saying when and for what. */
export function useMetrics() {
  const shown = ref<MetricsSnapshot | null>(null);
  const fromCache = ref(false);
  const { run, pending, error } = useAction();

  // A filter changed while a report was loading: the newest choice is loaded next, not dropped.
  let waiting: MetricsQuery | null = null;
  async function load(query: MetricsQuery): Promise<void> {
    if (pending.value) {
      waiting = query;
      return;
    }
    await fetchReport(query);
    const next = waiting;
    waiting = null;
    if (next) await load(next);
  }

  const fetchReport = (query: MetricsQuery) =>
    run(async () => {
      try {
        const fetched: MetricsSnapshot = { query, report: await metricsApi.get(query), fetchedAt: new Date().toISOString() };
        shown.value = fetched;
        fromCache.value = false;
        await saveSnapshot(snapshotKey, JSON.parse(JSON.stringify(fetched))).catch(() => undefined);
      } catch (err) {
        const cached = noAnswer(err) ? await readSnapshot<MetricsSnapshot>(snapshotKey).catch(() => undefined) : undefined;
        if (!cached) throw err;
        shown.value = cached;
        fromCache.value = true;
      }
    });

  return { shown, fromCache, pending, error, load };
}
