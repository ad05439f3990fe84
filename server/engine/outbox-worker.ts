import type { Db } from '../db/client';

/**
 * What every outbox sender shares: claims due items (leasing them to this instance) as much as its concurrency
 * limit allows, sends each outside any transaction, and lets the engine wait for those in flight.
 */
export abstract class OutboxWorker<Item> {
  private readonly inFlight = new Set<Promise<void>>();
  private claiming = 0;

  protected constructor(
    protected readonly db: Db,
    /** Names this instance on what it leases. */
    protected readonly instanceId: string,
    private readonly maxInFlight: number,
  ) {}

  /** Takes up to `room` due items, leased to this instance, in one transaction. */
  protected abstract claim(room: number, now: Date): Promise<Item[]>;
  /** Sends one item and records what it met. */
  protected abstract deliver(item: Item): Promise<void>;

  /** Claims what is due (as much as the concurrency limit allows) and starts sending it. */
  async start(now: Date): Promise<void> {
    const room = this.maxInFlight - this.inFlight.size - this.claiming;
    if (room <= 0) return;
    // Counted while the claim is on its way, so two starts never claim more than the room there is.
    this.claiming += room;
    let claimed: Item[];
    try {
      claimed = await this.claim(room, now);
    } finally {
      this.claiming -= room;
    }
    for (const item of claimed) {
      const sending = this.deliver(item).finally(() => this.inFlight.delete(sending));
      this.inFlight.add(sending);
    }
  }

  get busy(): boolean {
    return this.inFlight.size > 0;
  }

  /** Claiming costs a query, so free slots are refilled once half of them are free. */
  get wantsMore(): boolean {
    return this.inFlight.size <= this.maxInFlight / 2;
  }

  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }
}
