import type { Clock } from '../clock';
import type { Db } from '../db/client';
import { nextDue, requeueInFlightPushes } from '../db/stores/engine';
import type { PushSender } from '../push/sender';
import { Delivery } from './delivery';
import { runEscalations } from './escalation';
import { runNotifications, type NotifyContext } from './notify';

export interface EngineOptions extends NotifyContext {
  db: Db;
  clock: Clock;
  sender: PushSender;
  /** Signs the acknowledge token each page carries. */
  tokenKey: Buffer;
  /** Told after each commit that changed an incident (for live updates). */
  onIncidentChanged: (incidentId: string) => void;
  /** Real timers in production; tests drive `runOnce()` on a fake clock instead. */
  timers: boolean;
}

/** Steps due this soon hold back refilling send slots until the engine has run them. */
const stepPriorityWindowMs = 100;

/** Longest single setTimeout Node accepts. */
const maxTimerMs = 2 ** 31 - 1;

/**
 * The paging engine: escalation → notify → delivery, each `load → decide → apply` in one
 * synchronous transaction. Event-driven: it runs right after writes (`wake`) and sleeps
 * until the earliest due row, so it needs no polling and survives restarts.
 */
export class Engine {
  private readonly delivery: Delivery;
  private timer: NodeJS.Timeout | undefined;
  private scheduled = false;
  private refillScheduled = false;
  /** Escalation steps or pages are due now or in a moment: they go before further sends. */
  private stepsPending = false;
  private stopped = false;

  constructor(private readonly options: EngineOptions) {
    this.delivery = new Delivery(options.db, options.clock, options.sender, options.tokenKey, (id) => {
      options.onIncidentChanged(id);
      this.afterDelivery();
    });
  }

  /** Picks up work left by a previous process (pushes that were in flight when it died). */
  start(): void {
    this.stopped = false;
    this.options.db.transaction((tx) => requeueInFlightPushes(tx));
    this.wake();
  }

  /** Stops scheduling and waits for pushes in flight to be recorded. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.delivery.settled();
  }

  /** Runs the modules soon, coalescing many wakes into one run. */
  wake(): void {
    if (!this.options.timers || this.stopped || this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (!this.stopped) this.tick();
    });
  }

  /**
   * A finished push frees a send slot and may have scheduled a retry. Many finish at once
   * under load, so refills are coalesced and the timer is re-armed once sending goes quiet.
   * While steps are pending, sends wait for the next run: paging the next person on time
   * matters more than delivering the current backlog a few milliseconds sooner.
   */
  private afterDelivery(): void {
    if (!this.options.timers || this.stopped || this.refillScheduled) return;
    this.refillScheduled = true;
    setImmediate(() => {
      this.refillScheduled = false;
      if (this.stopped) return;
      if (this.delivery.wantsMore && !this.stepsPending) this.delivery.start(this.options.clock.now());
      if (!this.delivery.busy) this.arm();
    });
  }

  /** One full cycle, waiting for every push it started: what tests call after moving the clock. */
  async runOnce(): Promise<void> {
    this.tick();
    await this.delivery.settled();
    // Recording results can make more work due at once (e.g. a retry with no delay).
    if (this.hasDueWork()) await this.runOnce();
  }

  private hasDueWork(): boolean {
    const now = this.options.clock.now();
    return Object.values(nextDue(this.options.db)).some((due) => due !== null && due <= now);
  }

  private tick(): void {
    const { db, clock } = this.options;
    const escalated = runEscalations(db, clock);
    const notified = runNotifications(db, clock, this.options);
    for (const id of new Set([...escalated, ...notified.touched])) this.options.onIncidentChanged(id);
    this.delivery.start(clock.now());
    this.stepsPending = notified.more;
    if (notified.more) this.wake();
    else this.arm();
  }

  /** Sleeps until the earliest due row. */
  private arm(): void {
    if (!this.options.timers || this.stopped) return;
    clearTimeout(this.timer);
    const { steps, pushes } = nextDue(this.options.db);
    const now = this.options.clock.now().getTime();
    this.stepsPending = steps !== null && steps.getTime() - now <= stepPriorityWindowMs;
    // While pushes are in flight, delivery refills itself from due pushes (afterDelivery);
    // only escalation steps and pages need the timer then.
    const candidates = [steps, this.delivery.busy ? null : pushes].filter((due): due is Date => due !== null);
    if (candidates.length === 0) return;
    const due = Math.min(...candidates.map((at) => at.getTime()));
    const delay = Math.min(Math.max(0, due - now), maxTimerMs);
    this.timer = setTimeout(() => this.tick(), delay);
  }
}
