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
 * Where monitoring tools' events enter: requests that arrive together are applied together, in one
 * transaction (group commit). A commit costs more than the few statements of an event, and under a flood
 * of alerts the same index pages change for every event: one commit writes them once for the whole batch.
 * Each request still gets its own results, and events of one service keep their order. Should a batch fail,
 * its submissions are retried one by one, so one bad request cannot fail the others.
 */
export class AlertIntake {
  private queue: Submission[] = [];
  private flushing: Promise<void> | null = null;

  constructor(private readonly rt: Runtime) {}

  submit(serviceId: string, events: AlertEvent[]): Promise<IngestResult[]> {
    return new Promise((resolve, reject) => {
      this.queue.push({ serviceId, events, resolve, reject });
      this.flushing ??= this.flushSoon();
    });
  }

  /** Takes everything queued by the end of this turn; what arrives during a commit waits for the next one. */
  private async flushSoon(): Promise<void> {
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
    this.flushing = null;
  }

  private async apply(batch: Submission[]): Promise<IngestResult[][]> {
    const now = this.rt.clock.now();
    // Services are locked in one order (by id) by every batch, so two instances' batches never wait on each other in a circle.
    const order = batch.map((_, index) => index).sort((a, b) => batch[a].serviceId.localeCompare(batch[b].serviceId) || a - b);
    const results = await this.rt.db.transaction(async (tx) => {
      const scopes = new Map<string, ServiceScope | undefined>();
      const results: IngestResult[][] = batch.map(() => []);
      for (const index of order) {
        const { serviceId, events } = batch[index];
        for (const event of events) {
          const result = (await countRepeat(tx, serviceId, event, now)) ?? (await applyLocked(tx, scopes, serviceId, event, now));
          if (result) results[index].push(result);
        }
      }
      return results;
    });
    announce(this.rt, results.flat());
    return results;
  }
}

async function applyLocked(tx: Tx, scopes: Map<string, ServiceScope | undefined>, serviceId: string, event: AlertEvent, now: Date) {
  if (!scopes.has(serviceId)) scopes.set(serviceId, await lockService(tx, serviceId));
  const scope = scopes.get(serviceId);
  return scope && applyAlertEvent(tx, scope, event, now);
}
