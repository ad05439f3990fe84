import type { Clock } from '../clock';
import type { Db } from '../db/client';
import { nextDue, requeueAbandonedPushes } from '../db/stores/engine';
import { requeueAbandonedMessages } from '../db/stores/outgoing-messages';
import type { PageChannels } from '../channels/send-page';
import type { PushSender } from '../push/sender';
import { Delivery } from './delivery';
import { MessageDelivery } from './message-delivery';
import { runEscalations } from './escalation';
import { runDrills } from './drills';
import { runHeartbeats } from './heartbeats';
import { runSnoozes } from './snoozes';
import { runNotifications, type NotifyContext } from './notify';
import { runUpdateReminders } from './update-reminders';

export interface EngineOptions extends NotifyContext {
  db: Db;
  clock: Clock;
  sender: PushSender;
  /** Email and HTTP, for pages to contact methods and service event webhooks. */
  channels: PageChannels;
  /** Signs the acknowledge token each page carries. */
  tokenKey: Buffer;
  /** Names this instance on the work it leases (pushes in flight). */
  instanceId: string;
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
 * With several instances, work another instance leased comes back when its lease runs out, and a wake-up
 * from another instance can be lost while the connection reconnects: look at least this often.
 */
const sharedDatabasePollMs = 2_000;

/** The PostgreSQL channel instances wake each other's engines on after writes that made work due. */
export const engineChannel = 'muster_engine';

/**
 * The paging engine: heartbeats → snoozes → drills → escalation → notify → delivery, each `load → decide → apply` in one
 * transaction. Event-driven: it runs right after writes (`wake`) and sleeps until the
 * earliest due row, so it needs no polling on SQLite and survives restarts. On PostgreSQL,
 * every instance runs one; row locks decide which takes each piece of work.
 */
export class Engine {
  private readonly delivery: Delivery;
  private readonly messages: MessageDelivery;
  private timer: NodeJS.Timeout | undefined;
  private scheduled = false;
  private refillScheduled = false;
  /** Escalation steps or pages are due now or in a moment: they go before further sends. */
  private stepsPending = false;
  private stopped = false;
  /** The run in progress; runs never overlap, and a wake during one asks for another. */
  private running: Promise<void> | null = null;
  private runAgain = false;
  /** When this instance last took back pushes whose lease ran out (shared database only). */
  private lastRequeueAt = 0;

  constructor(private readonly options: EngineOptions) {
    this.delivery = new Delivery(options.db, options.clock, options.sender, options.tokenKey, options.instanceId, (id) => {
      options.onIncidentChanged(id);
      this.afterDelivery();
    });
    this.messages = new MessageDelivery({
      db: options.db,
      clock: options.clock,
      channels: options.channels,
      tokenKey: options.tokenKey,
      publicUrl: options.publicUrl,
      instanceId: options.instanceId,
      onRecorded: (id) => {
        options.onIncidentChanged(id);
        this.afterDelivery();
      },
    });
  }

  private get senders() {
    return [this.delivery, this.messages];
  }

  private get busy(): boolean {
    return this.senders.some((sender) => sender.busy);
  }

  private get shared(): boolean {
    return this.options.db.broadcast !== null;
  }

  /**
   * Picks up work left by a previous process (pushes that were in flight when it died). Alone on SQLite, any
   * push still marked in flight is a dead process's; on a shared database only those whose lease ran out are.
   */
  async start(): Promise<void> {
    this.stopped = false;
    const { db, clock, instanceId } = this.options;
    await db.transaction(async (tx) => {
      await requeueAbandonedPushes(tx, clock.now(), this.shared ? undefined : instanceId);
      await requeueAbandonedMessages(tx, clock.now(), this.shared ? undefined : instanceId);
    });
    // Its own announcements come back too; this engine was already woken for those.
    await db.broadcast?.listen(engineChannel, (from) => from !== instanceId && this.wake());
    this.wake();
  }

  /** Stops scheduling and waits for the run and the pushes in flight to be recorded. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    await Promise.all(this.senders.map((sender) => sender.settled()));
  }

  /** Runs the modules soon, coalescing many wakes into one run. */
  wake(): void {
    if (!this.options.timers || this.stopped || this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (!this.stopped) void this.tick();
    });
  }

  /** Tells the other instances' engines that this one's writes made work due. */
  async announce(): Promise<void> {
    await this.options.db.broadcast?.notify(engineChannel, this.options.instanceId);
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
    setImmediate(async () => {
      this.refillScheduled = false;
      if (this.stopped) return;
      for (const sender of this.senders) if (sender.wantsMore && !this.stepsPending) await sender.start(this.options.clock.now());
      if (!this.busy) await this.arm();
    });
  }

  /** One full cycle, waiting for every push it started: what tests call after moving the clock. */
  async runOnce(): Promise<void> {
    await this.tick();
    await Promise.all(this.senders.map((sender) => sender.settled()));
    // Recording results can make more work due at once (e.g. a retry with no delay).
    if (await this.hasDueWork()) await this.runOnce();
  }

  private async hasDueWork(): Promise<boolean> {
    const now = this.options.clock.now();
    return Object.values(await nextDue(this.options.db)).some((due) => due !== null && due <= now);
  }

  private tick(): Promise<void> {
    if (this.running) {
      this.runAgain = true;
      return this.running;
    }
    this.running = this.run()
      .catch((err: Error) => {
        // A failed run (the database restarting, say) must not stop paging: the next run retries it.
        console.error('Paging engine run failed:', err);
        this.rearmAfterFailure();
      })
      .finally(() => {
        this.running = null;
        if (this.runAgain) {
          this.runAgain = false;
          this.wake();
        }
      });
    return this.running;
  }

  private async run(): Promise<void> {
    const { db, clock } = this.options;
    // Leases run for seconds: looking for expired ones once per poll interval is enough.
    if (this.shared && clock.now().getTime() - this.lastRequeueAt >= sharedDatabasePollMs) {
      this.lastRequeueAt = clock.now().getTime();
      await db.transaction(async (tx) => {
        await requeueAbandonedPushes(tx, clock.now());
        await requeueAbandonedMessages(tx, clock.now());
      });
    }
    const expired = await runHeartbeats(db, clock);
    const unsnoozed = await runSnoozes(db, clock);
    // Before escalations: a drill started now pages in this same run.
    const drilled = await runDrills(db, clock);
    const escalated = await runEscalations(db, clock);
    const notified = await runNotifications(db, clock, this.options);
    const reminded = await runUpdateReminders(db, clock);
    for (const id of new Set([...expired, ...unsnoozed, ...drilled, ...escalated, ...notified.touched, ...reminded])) this.options.onIncidentChanged(id);
    for (const sender of this.senders) await sender.start(clock.now());
    this.stepsPending = notified.more;
    if (notified.more) this.wake();
    else await this.arm();
  }

  private rearmAfterFailure(): void {
    if (!this.options.timers || this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), 1_000);
  }

  /** Sleeps until the earliest due row (and, on a shared database, at most until the next look). */
  private async arm(): Promise<void> {
    if (!this.options.timers || this.stopped) return;
    const { steps, pushes, messages } = await nextDue(this.options.db);
    if (this.stopped) return;
    clearTimeout(this.timer);
    const now = this.options.clock.now().getTime();
    this.stepsPending = steps !== null && steps.getTime() - now <= stepPriorityWindowMs;
    // While a sender has sends in flight, it refills itself from what falls due (afterDelivery);
    // only escalation steps and pages need the timer then.
    const candidates = [steps, this.delivery.busy ? null : pushes, this.messages.busy ? null : messages].filter((due): due is Date => due !== null).map((at) => at.getTime());
    if (this.shared) candidates.push(now + sharedDatabasePollMs);
    if (candidates.length === 0) return;
    const delay = Math.min(Math.max(0, Math.min(...candidates) - now), maxTimerMs);
    this.timer = setTimeout(() => void this.tick(), delay);
  }
}
