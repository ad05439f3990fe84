import { sha256 } from '../auth/secrets';
import type { Clock } from '../clock';
import type { Db } from '../db/client';
import { findServiceByIntegrationKeyHash } from '../db/stores/services';

/**
 * How long an instance trusts what it learned about a key. Rotating a key forgets it at once on the instance
 * that rotated it; other instances stop taking the old key within this time.
 */
export const integrationKeyTtlMs = 10_000;

/** A key a tool sent: its hash (the only form stored, and what rate limits count by) and the service it names. */
export interface KnownKey {
  hash: string;
  serviceId: string;
}

/**
 * Which service an integration key belongs to. Monitoring tools send the same key with every event, so the
 * answer is kept for a few seconds instead of being looked up each time. Only hashes are stored and compared:
 * nothing in an answer hints at other keys.
 */
export class IntegrationKeys {
  private readonly known = new Map<string, { serviceId: string; until: number }>();

  constructor(private readonly clock: Clock) {}

  async lookup(db: Db, key: string): Promise<KnownKey | undefined> {
    if (key.length !== 32) return undefined;
    const hash = sha256(key);
    const now = this.clock.now().getTime();
    const cached = this.known.get(hash);
    if (cached && cached.until > now) return { hash, serviceId: cached.serviceId };
    const service = await findServiceByIntegrationKeyHash(db, hash);
    // An archived service opens no new incidents: its key answers like an unknown one.
    if (!service || service.archivedAt) {
      this.known.delete(hash);
      return undefined;
    }
    this.known.set(hash, { serviceId: service.id, until: now + integrationKeyTtlMs });
    return { hash, serviceId: service.id };
  }

  /** The service's key changed: its old key must stop working here now. */
  forgetService(serviceId: string): void {
    for (const [hash, entry] of this.known) if (entry.serviceId === serviceId) this.known.delete(hash);
  }
}
