import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe. */
export function randomSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

/** High-entropy secrets (session ids, API tokens) need no salt or slow hash: SHA-256 suffices. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

const alphanumeric = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Letters and digits only, without modulo bias (PagerDuty-style integration keys). */
export function randomAlphanumeric(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += alphanumeric[byte % 62];
    }
  }
  return out;
}
