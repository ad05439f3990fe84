import { sha256 } from '../auth/secrets';
import type { Tx } from '../db/client';
import { findServiceByIntegrationKeyHash } from '../db/stores/services';
import type { ServiceRow } from '../db/schema/index';

/**
 * The service an integration key belongs to. Only hashes are stored, so the key is hashed and looked up: no
 * comparison of secrets character by character, and nothing that hints at other keys.
 */
export async function serviceForIntegrationKey(tx: Tx, key: string): Promise<ServiceRow | undefined> {
  if (key.length !== 32) return undefined;
  return findServiceByIntegrationKeyHash(tx, sha256(key));
}
