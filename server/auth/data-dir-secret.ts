import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A 256-bit key kept in DATA_DIR, created on first start. A present but damaged file stops
 * start-up instead of being replaced: a new key would silently invalidate outstanding tokens.
 */
export function loadOrCreateSecret(dataDir: string, fileName: string): Buffer {
  const file = join(dataDir, fileName);
  if (!existsSync(file)) {
    const key = randomBytes(32);
    writeFileSync(file, key.toString('base64'), { mode: 0o600, flag: 'wx' });
    return key;
  }
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new Error(`${file} is damaged (expected a base64 32-byte key); restore it from backup or delete it to create a new one`);
  return key;
}
