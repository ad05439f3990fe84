import { isIPv4, isIPv6 } from 'node:net';

/** How many sign-in attempts one client may make, and how much the throttle may remember. */
export interface ThrottleLimits {
  windowMs: number;
  /** Attempts one address may make against one account per window. */
  perAccountAddress: number;
  /** Attempts one address may make across all accounts per window. */
  perAddress: number;
  /**
   * Counters kept at most, so rotating addresses and emails cannot grow memory without bound
   * (50,000 is at most ~20 MB). When full, the oldest windows are forgotten rather than new
   * ones refused: refusing would shut owners out at fresh addresses, while a flood big enough
   * to push a counter out needs ~1,000 addresses, which could simply guess 10 times each.
   */
  maxEntries: number;
}

export const defaultLimits: ThrottleLimits = { windowMs: 15 * 60_000, perAccountAddress: 10, perAddress: 50, maxEntries: 50_000 };

interface Window {
  startedAt: number;
  attempts: number;
}

/**
 * Slows password guessing down without letting anyone lock an account. Failed sign-ins are
 * counted per (account, client address) and per client address in fixed windows; an address
 * over either limit is refused until its window ends. Nothing is counted per account alone:
 * a limit that any address can fill lets an attacker lock the owner out during an incident,
 * so the right password from an address that has not been failing always goes through.
 * Guesses spread over many addresses are bounded by the password hash's cost instead (a
 * per-account delay would slow the owner, not parallel guesses).
 *
 * Unknown emails are counted exactly like accounts, so the answers do not reveal which exist.
 * Kept in memory: a restart forgetting the counts is harmless, and with several Muster instances
 * each counts the attempts it serves (a load balancer that spreads one client multiplies its budget).
 */
export class LoginThrottle {
  /**
   * Every window is equally long and is (re)inserted when it starts, so the map's order is the
   * order of expiry: pruning stops at the first live window, and eviction takes the oldest.
   */
  private readonly windows = new Map<string, Window>();

  constructor(private readonly limits: ThrottleLimits = defaultLimits) {}

  /** Counters held now (the memory bound is `maxEntries`). */
  get size(): number {
    return this.windows.size;
  }

  /**
   * Counts an attempt before its (slow) password check, so parallel guesses cannot all pass
   * the limit check first. Returns seconds this address must wait, or 0 when it may go ahead.
   */
  attempt(email: string, address: string, now: number): number {
    const group = addressGroup(address);
    const pair = pairKey(email, group);
    const own = addressKey(group);
    this.forgetExpired(now);
    const wait = Math.max(this.wait(pair, this.limits.perAccountAddress, now), this.wait(own, this.limits.perAddress, now));
    if (wait > 0) return wait;
    this.count(pair, now);
    this.count(own, now);
    this.evictOldest();
    return 0;
  }

  /**
   * The password was right: this address starts afresh on this account (a few typos should not
   * bring the owner close to a wait), and the attempt stops counting against the address. The
   * address is not cleared, or signing in to one's own account would reset a guessing budget.
   */
  recordSuccess(email: string, address: string): void {
    const group = addressGroup(address);
    this.windows.delete(pairKey(email, group));
    const window = this.windows.get(addressKey(group));
    if (window && window.attempts > 0) window.attempts -= 1;
  }

  private live(window: Window, now: number): boolean {
    return now - window.startedAt < this.limits.windowMs;
  }

  private wait(key: string, limit: number, now: number): number {
    const window = this.windows.get(key);
    if (!window || !this.live(window, now) || window.attempts < limit) return 0;
    return Math.ceil((window.startedAt + this.limits.windowMs - now) / 1000);
  }

  private count(key: string, now: number): void {
    const window = this.windows.get(key);
    if (window && this.live(window, now)) {
      window.attempts += 1;
      return;
    }
    // Deleted first: a new window goes to the end of the map, keeping it in expiry order.
    this.windows.delete(key);
    this.windows.set(key, { startedAt: now, attempts: 1 });
  }

  private forgetExpired(now: number): void {
    for (const [key, window] of this.windows) {
      if (this.live(window, now)) return;
      this.windows.delete(key);
    }
  }

  private evictOldest(): void {
    for (const key of this.windows.keys()) {
      if (this.windows.size <= this.limits.maxEntries) return;
      this.windows.delete(key);
    }
  }
}

const pairKey = (email: string, group: string) => `pair ${group} ${email}`;
const addressKey = (group: string) => `address ${group}`;

/**
 * What one client is counted as. An IPv6 host is usually given a whole /64 and can rotate
 * through it at will, so IPv6 counts by its /64; an IPv4-mapped IPv6 address (how a dual-stack
 * socket reports IPv4 peers) counts as its IPv4 address. Anything else (`unknown`, an odd
 * proxy header) is kept as given, cut short so a key stays small.
 */
export function addressGroup(address: string): string {
  const bare = address.trim().toLowerCase().split('%')[0];
  if (isIPv4(bare)) return bare;
  if (!isIPv6(bare)) return address.slice(0, 64);
  const groups = ipv6Groups(bare);
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return [groups[6] >> 8, groups[6] & 0xff, groups[7] >> 8, groups[7] & 0xff].join('.');
  }
  return `${groups.slice(0, 4).map((g) => g.toString(16)).join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address, `::` expanded and a dotted IPv4 tail split in two. */
function ipv6Groups(address: string): number[] {
  const parse = (part: string) =>
    part === ''
      ? []
      : part.split(':').flatMap((group) => {
          if (!group.includes('.')) return [parseInt(group, 16)];
          const [a, b, c, d] = group.split('.').map(Number);
          return [(a << 8) | b, (c << 8) | d];
        });
  const [head, tail] = address.split('::');
  if (tail === undefined) return parse(head);
  const [before, after] = [parse(head), parse(tail)];
  return [...before, ...Array<number>(8 - before.length - after.length).fill(0), ...after];
}
