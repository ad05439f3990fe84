import type { Tx } from '../db/client';
import type { Runtime } from '../runtime';
import type { AlertEvent } from './alert-event';
import { announce, applyAlertEvent, countRepeat, lockService, type IngestResult, type ServiceScope } from './ingest';

interface Submission {
  serviceId: string;
  events: AlertEvent[];
  resolve(results: IngestResult[]): void;
  reject(err: unknown): void;
}

/** The most submissions one transaction takes: a flood is committed in slices, not held in one long lock. */
const maxBatch = 200;

/**
 * Batches committed at once. SQLite has one writer, so one; PostgreSQL takes several over its connection pool,
 * and row locks order what they share.
 */
const concurrentBatches = { sqlite: 1, postgres: 4 } as const;

/**
 * Where monitoring tools' events enter: requests that arrive together are applied together, in one
 * transaction (group commit). A commit costs more than the few statements of an event, and under a flood
 * of alerts the same index pages change for every event: one commit writes them once for the whole batch.
 * Each request still gets its own results, and events of one service keep their order. Should a batch fail,
 * its submissions are retried one by one, so one bad request cannot fail the others.
 */
export class AlertIntake {
  private queue: Submission[] = [];
  private flushing = 0;

  constructor(private readonly rt: Runtime) {}

  submit(serviceId: string, events: AlertEvent[]): Promise<IngestResult[]> {
    return new Promise((resolve, reject) => {
      this.queue.push({ serviceId, events, resolve, reject });
      if (this.flushing < concurrentBatches[this.rt.db.backend]) void this.flushSoon();
    });
  }

  /** Takes everything queued by the end of this turn; what arrives during a commit waits for the next one. */
  private async flushSoon(): Promise<void> {
    this.flushing++;
    await new Promise((resolve) => setImmediate(resolve));
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, maxBatch);
      try {
        const results = await this.apply(batch);
        batch.forEach((submission, index) => submission.resolve(results[index]));
      } catch {
        for (const submission of batch) {
          await this.apply([submission]).then(([results]) => submission.resolve(results), submission.reject);
        }
      }
    }
    this.flushing--;
  }

  /**
   * First every repeat (alert rows locked by service and key), then the rest with their services locked (by
   * service): batches committing at once take their locks in one order, so they never wait on each other in a
   * circle. A repeat counted first is still counted before any resolve of the same request: tools send a
   * group's firing alerts before its resolved ones.
   */
  private async apply(batch: Submission[]): Promise<IngestResult[][]> {
    const now = this.rt.clock.now();
    const items = batch.flatMap(({ serviceId, events }, submission) => events.map((event, position) => ({ submission, position, serviceId, event })));
    const byLockOrder = (a: (typeof items)[number], b: (typeof items)[number]) =>
      a.serviceId.localeCompare(b.serviceId) || a.event.dedupKey.localeCompare(b.event.dedupKey) || a.submission - b.submission || a.position - b.position;
    const outcomes = await this.rt.db.transaction(async (tx) => {
      const outcomes = new Map<(typeof items)[number], IngestResult | undefined>();
      for (const item of [...items].sort(byLockOrder)) outcomes.set(item, await countRepeat(tx, item.serviceId, item.event, now));
      const scopes = new Map<string, ServiceScope | undefined>();
      const rest = items.filter((item) => !outcomes.get(item)).sort((a, b) => a.serviceId.localeCompare(b.serviceId) || a.submission - b.submission || a.position - b.position);
      for (const item of rest) outcomes.set(item, await applyLocked(tx, scopes, item.serviceId, item.event, now));
      return outcomes;
    });
    const results: IngestResult[][] = batch.map(() => []);
    for (const item of items) {
      const result = outcomes.get(item);
      if (result) results[item.submission].push(result);
    }
    announce(this.rt, results.flat());
    return results;
  }
}

async function applyLocked(tx: Tx, scopes: Map<string, ServiceScope | undefined>, serviceId: string, event: AlertEvent, now: Date) {
  if (!scopes.has(serviceId)) scopes.set(serviceId, await lockService(tx, serviceId));
  const scope = scopes.get(serviceId);
  return scope && applyAlertEvent(tx, scope, event, now);
}
