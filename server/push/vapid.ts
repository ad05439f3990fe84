import { createECDH } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import webpush from 'web-push';

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  /** `mailto:` or `https:` contact that push services use to reach the operator. */
  subject: string;
}

export const vapidFileName = 'vapid.json';

// Regenerating the keys would silently unsubscribe every registered phone (subscriptions are bound to the
// public key), so every problem with an existing file stops the server with instructions instead.
const keepWarning =
  'Do not delete it to make the error go away: new keys make every registered device stop receiving pages ' +
  'until each one registers again. Restore the file from a backup, or delete it only if you accept that.';

/** Reads the VAPID key pair from `dataDir/vapid.json`, creating it (mode 0600) on first start only. */
export function loadOrCreateVapidKeys(dataDir: string, subject: string): VapidKeys {
  checkSubject(subject);
  const path = join(dataDir, vapidFileName);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new Error(`Cannot read the VAPID keys in ${path} (${(err as Error).message}). Make it a file the user running Muster can read. ${keepWarning}`);
    }
    return { ...createKeyFile(path, dataDir), subject };
  }
  return { ...parseVapidKeys(text, path), subject };
}

/** The contact for the VAPID `sub` claim: the public https URL if there is one, else the admin's address. */
export function vapidSubject(publicUrl: string | undefined, contactEmail: string | undefined): string {
  if (publicUrl && new URL(publicUrl).protocol === 'https:') return publicUrl;
  if (contactEmail) return `mailto:${contactEmail}`;
  throw new Error('Web Push needs a contact for the operator: set PUBLIC_URL to an https:// URL or set MUSTER_ADMIN_EMAIL.');
}

export function checkSubject(subject: string) {
  const protocol = URL.canParse(subject) ? new URL(subject).protocol : '';
  if (protocol !== 'mailto:' && protocol !== 'https:') {
    throw new Error(`The VAPID subject must be a mailto: address or an https:// URL, not "${subject}".`);
  }
}

function createKeyFile(path: string, dataDir: string): Omit<VapidKeys, 'subject'> {
  const keys = webpush.generateVAPIDKeys();
  const contents = JSON.stringify({ ...keys, createdAt: new Date().toISOString() }, null, 2) + '\n';
  // Write a private temporary file and link it into place: readers never see a half-written file, and if
  // another process created vapid.json first, linkSync fails and we use that process's keys.
  const temporary = join(dataDir, `.${vapidFileName}.${process.pid}.tmp`);
  const fd = openSync(temporary, 'w', 0o600);
  try {
    writeSync(fd, contents);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temporary, path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return parseVapidKeys(readFileSync(path, 'utf8'), path);
  } finally {
    unlinkSync(temporary);
  }
  return keys;
}

/** Reads and checks a stored key pair; `where` names the file or table it came from in errors. */
export function parseVapidKeys(text: string, where: string): Omit<VapidKeys, 'subject'> {
  const corrupt = (why: string) => new Error(`The VAPID keys in ${where} are corrupt: ${why}. ${keepWarning}`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw corrupt('it is not valid JSON');
  }
  const { publicKey, privateKey } = (data ?? {}) as Record<string, unknown>;
  if (typeof publicKey !== 'string' || typeof privateKey !== 'string') throw corrupt('publicKey or privateKey is missing');
  const privateBytes = Buffer.from(privateKey, 'base64url');
  const ecdh = createECDH('prime256v1');
  try {
    if (privateBytes.length !== 32) throw new Error('wrong length');
    ecdh.setPrivateKey(privateBytes);
  } catch {
    throw corrupt('privateKey is not a P-256 private key');
  }
  // A public key that does not belong to the private key would make every push service reject our JWTs.
  if (ecdh.getPublicKey('base64url') !== publicKey) throw corrupt('publicKey does not belong to privateKey');
  return { publicKey, privateKey };
}
